using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// The pullback of the thin QR A = Q R (positive diag R) in the copyltu form of DESIGN.md:
///   M  = R R̄ᵀ − Q̄ᵀ Q,   Ā = [Q̄ + Q copyltu(M)] R^{−T},   copyltu(M)_ij = M_{max(i,j), min(i,j)}.
/// Gradients flow from Q and R at once. The workspace is owned: no allocation per call.
/// </summary>
public sealed class QrPullback<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _k;
    private readonly T[] _m;

    public QrPullback(int n, int k)
    {
        (_n, _k) = (n, k);
        _m = new T[k * k];
    }

    /// <summary>Ā (n×k) from Q (n×k), R (k×k), Q̄ (n×k) and R̄ (k×k, upper triangular).</summary>
    public void Backward(ReadOnlySpan<T> q, ReadOnlySpan<T> r, ReadOnlySpan<T> qBar, ReadOnlySpan<T> rBar, Span<T> aBar)
    {
        int n = _n, k = _k;
        var m = _m.AsSpan();
        // M = R R̄ᵀ − Q̄ᵀ Q; only its lower triangle is used.
        Gemm.MultiplyTransposedB(r, rBar, m, k, k, k, accumulate: false);
        for (var l = 0; l < n; l++)
        {
            var qBarRow = qBar.Slice(l * k, k);
            var qRow = q.Slice(l * k, k);
            for (var i = 0; i < k; i++)
            {
                Blas.Axpy(-qBarRow[i], qRow[..(i + 1)], m.Slice(i * k, i + 1));
            }
        }
        // copyltu(M), in place.
        for (var i = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                m[i * k + j] = m[j * k + i];
            }
        }
        // Ā = Q̄ + Q copyltu(M), then Ā ← Ā R^{−T}.
        qBar[..(n * k)].CopyTo(aBar);
        Gemm.Multiply<T>(q, m, aBar, n, k, k, accumulate: true);
        SolveTransposedUpper(r, aBar, n, k);
    }

    /// <summary>X ← X R^{−T} for upper-triangular R: each row x solves R xᵀ = bᵀ by back substitution.</summary>
    public static void SolveTransposedUpper(ReadOnlySpan<T> r, Span<T> x, int rows, int k)
    {
        for (var row = 0; row < rows; row++)
        {
            var b = x.Slice(row * k, k);
            for (var i = k - 1; i >= 0; i--)
            {
                var sum = b[i] - Blas.Dot(r.Slice(i * k + i + 1, k - i - 1), b.Slice(i + 1, k - i - 1));
                b[i] = sum / r[i * k + i];
            }
        }
    }
}
