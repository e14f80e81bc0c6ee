using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// Householder QR of a row-major n×k matrix (k ≤ n), thin form A = Q R with Q n×k orthonormal and
/// R k×k upper triangular with a positive diagonal (DESIGN.md: flip Q's columns and R's rows).
/// The factorisation works on Aᵀ, so that every column is a contiguous run and the reflections are
/// SIMD dot products and axpys. The workspace is owned by the instance: no allocation per call.
/// </summary>
public sealed class HouseholderQr<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _k;
    private readonly T[] _columns;   // k×n: column j of A, then R above row j and the reflector v_j from row j on
    private readonly T[] _basis;     // k×n: the columns of Q
    private readonly T[] _beta;      // 2/(v_jᵀ v_j)
    private readonly T[] _alpha;     // R_jj before the sign fix

    public HouseholderQr(int n, int k)
    {
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"QR needs 1 ≤ k ≤ n, got n={n}, k={k}");
        }
        (_n, _k) = (n, k);
        _columns = new T[k * n];
        _basis = new T[k * n];
        _beta = new T[k];
        _alpha = new T[k];
    }

    /// <summary>Factorises <paramref name="a"/> (n×k) into <paramref name="q"/> (n×k) and <paramref name="r"/> (k×k).</summary>
    public void Factor(ReadOnlySpan<T> a, Span<T> q, Span<T> r)
    {
        int n = _n, k = _k;
        var columns = _columns.AsSpan();
        Gemm.Transpose(a, columns, n, k);
        for (var j = 0; j < k; j++)
        {
            // v = x + sign(x_0)‖x‖ e_0 on rows j..n−1 of column j; R_jj = −sign(x_0)‖x‖.
            var x = columns.Slice(j * n + j, n - j);
            var squared = Blas.Dot<T>(x, x);
            var norm = T.Sqrt(squared);
            var x0 = x[0];
            var alpha = x0 >= T.Zero ? -norm : norm;
            x[0] = x0 - alpha;
            var vv = x[0] * x[0] + (squared - x0 * x0);
            _beta[j] = vv > T.Zero ? (T.One + T.One) / vv : T.Zero;
            _alpha[j] = alpha;
            // Apply H_j = I − β v vᵀ to the later columns.
            for (var c = j + 1; c < k; c++)
            {
                var column = columns.Slice(c * n + j, n - j);
                Blas.Axpy(-_beta[j] * Blas.Dot<T>(x, column), x, column);
            }
        }
        // R: the diagonal from α, above it the transformed columns (row i of column c at c·n + i).
        r[..(k * k)].Clear();
        for (var i = 0; i < k; i++)
        {
            r[i * k + i] = _alpha[i];
            for (var c = i + 1; c < k; c++)
            {
                r[i * k + c] = columns[c * n + i];
            }
        }
        // Q = H_0 ⋯ H_{k−1} [I_k; 0], column by column, reflectors applied from the last one back.
        var basis = _basis.AsSpan();
        basis.Clear();
        for (var c = 0; c < k; c++)
        {
            basis[c * n + c] = T.One;
        }
        for (var j = k - 1; j >= 0; j--)
        {
            var v = columns.Slice(j * n + j, n - j);
            for (var c = j; c < k; c++)
            {
                var column = basis.Slice(c * n + j, n - j);
                Blas.Axpy(-_beta[j] * Blas.Dot<T>(v, column), v, column);
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
                Blas.Scale(-T.One, basis.Slice(i * n, n));
            }
        }
        Gemm.Transpose<T>(basis, q, k, n);
    }
}
