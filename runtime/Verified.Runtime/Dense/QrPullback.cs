using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// The pullback of the thin QR A = Q R (positive diag R) in the copyltu form of DESIGN.md:
///   M  = R R̄ᵀ − Q̄ᵀ Q,   Ā = [Q̄ + Q copyltu(M)] R^{−T},   copyltu(M)_ij = M_{max(i,j), min(i,j)}.
/// Gradients flow from Q and R at once; only M's lower triangle is ever formed. The workspace is
/// owned: no allocation per call.
/// </summary>
public sealed class QrPullback<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _k;
    private readonly T[] _m;
    private readonly T[] _gram;
    private readonly T[] _transposed;

    public QrPullback(int n, int k)
    {
        (_n, _k) = (n, k);
        _m = new T[k * k];
        _gram = new T[k * k];
        _transposed = new T[k * n];
    }

    /// <summary>Ā (n×k) from Q (n×k), R (k×k), Q̄ (n×k) and an upper-triangular R̄ (k×k).</summary>
    public void Backward(ReadOnlySpan<T> q, ReadOnlySpan<T> r, ReadOnlySpan<T> qBar, ReadOnlySpan<T> rBar, Span<T> aBar)
    {
        var k = _k;
        // lower(R R̄ᵀ)_ij = Σ_{l ≥ i} R_il R̄_jl for j ≤ i (both factors upper triangular).
        for (var i = 0; i < k; i++)
        {
            var rRow = r.Slice(i * k + i, k - i);
            for (var j = 0; j <= i; j++)
            {
                _m[i * k + j] = Blas.Dot(rRow, rBar.Slice(j * k + i, k - i));
            }
        }
        Finish(q, r, qBar, aBar);
    }

    /// <summary>Ā for a diagonal R̄ = diag(<paramref name="rBarDiagonal"/>), as flossing has: lower(R R̄ᵀ) = diag(R_ii R̄_ii).</summary>
    public void BackwardDiagonal(ReadOnlySpan<T> q, ReadOnlySpan<T> r, ReadOnlySpan<T> qBar, ReadOnlySpan<T> rBarDiagonal, Span<T> aBar)
    {
        var k = _k;
        Array.Clear(_m);
        for (var i = 0; i < k; i++)
        {
            _m[i * k + i] = r[i * k + i] * rBarDiagonal[i];
        }
        Finish(q, r, qBar, aBar);
    }

    private void Finish(ReadOnlySpan<T> q, ReadOnlySpan<T> r, ReadOnlySpan<T> qBar, Span<T> aBar)
    {
        int n = _n, k = _k;
        var m = _m.AsSpan();
        // M −= lower(Q̄ᵀ Q), then copyltu(M) in place.
        Gemm.MultiplyTransposedALower(qBar, q, _gram, k, n, k, accumulate: false);
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                m[i * k + j] -= _gram[i * k + j];
                m[j * k + i] = m[i * k + j];
            }
        }
        // Ā = Q̄ + Q copyltu(M), then Ā ← Ā R^{−T}.
        qBar[..(n * k)].CopyTo(aBar);
        Gemm.Multiply<T>(q, m, aBar, n, k, k, accumulate: true);
        SolveTransposedUpper(r, aBar, _transposed, n, k);
    }

    /// <summary>
    /// X ← X R^{−T} for upper-triangular R (X n×k): with Y = Xᵀ, row i of the solution is
    /// (y_i − Σ_{j>i} R_ij row_j) / R_ii, a sequence of axpys over contiguous rows.
    /// </summary>
    private static void SolveTransposedUpper(ReadOnlySpan<T> r, Span<T> x, Span<T> transposed, int n, int k)
    {
        Gemm.Transpose<T>(x, transposed, n, k);
        for (var i = k - 1; i >= 0; i--)
        {
            var row = transposed.Slice(i * n, n);
            for (var j = i + 1; j < k; j++)
            {
                Blas.Axpy(-r[i * k + j], transposed.Slice(j * n, n), row);
            }
            Blas.Scale(T.One / r[i * k + i], row);
        }
        Gemm.Transpose<T>(transposed, x, k, n);
    }
}
