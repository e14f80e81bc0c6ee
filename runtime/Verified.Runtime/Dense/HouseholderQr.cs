using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// Householder QR of a row-major n×k matrix (k ≤ n), thin form A = Q R with Q n×k orthonormal and
/// R k×k upper triangular with a positive diagonal (DESIGN.md: flip Q's columns and R's rows).
/// The workspace is owned by the instance: no allocation per factorisation.
/// </summary>
public sealed class HouseholderQr<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _k;
    private readonly T[] _work;      // n×k: R above the diagonal, Householder vectors below
    private readonly T[] _beta;      // 2/(vᵀv) of each reflector
    private readonly T[] _column;

    public HouseholderQr(int n, int k)
    {
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"QR needs 1 ≤ k ≤ n, got n={n}, k={k}");
        }
        (_n, _k) = (n, k);
        _work = new T[n * k];
        _beta = new T[k];
        _column = new T[n];
    }

    /// <summary>Factorises <paramref name="a"/> (n×k) into <paramref name="q"/> (n×k) and <paramref name="r"/> (k×k).</summary>
    public void Factor(ReadOnlySpan<T> a, Span<T> q, Span<T> r)
    {
        int n = _n, k = _k;
        var w = _work.AsSpan();
        a[..(n * k)].CopyTo(w);
        for (var j = 0; j < k; j++)
        {
            // v = x + sign(x_0)‖x‖ e_0 on rows j..n−1 of column j; R_jj = −sign(x_0)‖x‖.
            var norm = T.Zero;
            for (var i = j; i < n; i++)
            {
                norm += w[i * k + j] * w[i * k + j];
            }
            norm = T.Sqrt(norm);
            var x0 = w[j * k + j];
            var alpha = x0 >= T.Zero ? -norm : norm;
            var v0 = x0 - alpha;
            var vv = v0 * v0 + (norm * norm - x0 * x0);
            _beta[j] = vv > T.Zero ? (T.One + T.One) / vv : T.Zero;
            w[j * k + j] = v0;
            // Apply H = I − β v vᵀ to the remaining columns.
            for (var c = j + 1; c < k; c++)
            {
                var dot = T.Zero;
                for (var i = j; i < n; i++)
                {
                    dot += w[i * k + j] * w[i * k + c];
                }
                var scale = _beta[j] * dot;
                for (var i = j; i < n; i++)
                {
                    w[i * k + c] -= scale * w[i * k + j];
                }
            }
            _column[j] = alpha;
        }
        // R: the diagonal in _column, above it the transformed columns.
        r[..(k * k)].Clear();
        for (var i = 0; i < k; i++)
        {
            r[i * k + i] = _column[i];
            for (var c = i + 1; c < k; c++)
            {
                r[i * k + c] = w[i * k + c];
            }
        }
        // Q = H_0 ⋯ H_{k−1} [I_k; 0], applied from the last reflector backwards.
        q[..(n * k)].Clear();
        for (var i = 0; i < k; i++)
        {
            q[i * k + i] = T.One;
        }
        for (var j = k - 1; j >= 0; j--)
        {
            for (var c = j; c < k; c++)
            {
                var dot = T.Zero;
                for (var i = j; i < n; i++)
                {
                    dot += w[i * k + j] * q[i * k + c];
                }
                var scale = _beta[j] * dot;
                for (var i = j; i < n; i++)
                {
                    q[i * k + c] -= scale * w[i * k + j];
                }
            }
        }
        // Positive diagonal: flip row i of R and column i of Q where R_ii < 0.
        for (var i = 0; i < k; i++)
        {
            if (r[i * k + i] < T.Zero)
            {
                for (var c = i; c < k; c++)
                {
                    r[i * k + c] = -r[i * k + c];
                }
                for (var row = 0; row < n; row++)
                {
                    q[row * k + i] = -q[row * k + i];
                }
            }
        }
    }
}
