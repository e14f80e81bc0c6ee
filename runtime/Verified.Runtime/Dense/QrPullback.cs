using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// The pullback of the thin QR A = Q R (positive diag R) in the copyltu form of docs/design.md:
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
    private readonly int _stride;     // n rounded up to whole vectors
    private readonly AlignedArray<T> _transposed; // Āᵀ during the triangular solve, rows of length _stride from a cache line
    private readonly UpperTriangularSolve<T> _solve;

    /// <summary>The pullback of the thin QR of n×k matrices, 1 ≤ k ≤ n, with its workspace.</summary>
    public QrPullback(int n, int k)
    {
        (_n, _k, _stride) = (n, k, Simd.RoundUp<T>(n));
        _m = new T[k * k];
        _gram = new T[k * k];
        _transposed = new AlignedArray<T>(k * _stride);
        _solve = new UpperTriangularSolve<T>(k);
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
        SubtractLowerAndMirror(m, _gram, k);
        // Ā = Q̄ + Q copyltu(M), then Ā ← Ā R^{−T}.
        qBar[..(n * k)].CopyTo(aBar);
        Gemm.Multiply<T>(q, m, aBar, n, k, k, accumulate: true);
        SolveTransposedUpper(r, aBar);
    }

    /// <summary>
    /// m_ij −= g_ij for j ≤ i, and m_ji = m_ij: the lower triangle of M − G mirrored (copyltu). The subtraction runs along
    /// the rows; the mirror transposes the whole of M into G's place (G is spent by then) through the transposition's
    /// register tiles and copies the rows of its upper triangle back, each a contiguous run: every value is moved, never
    /// recomputed. Element by element, writing M's columns, it took about as long as the QR pullback's products
    /// (`quick 8 components`, N = 80, k = 75).
    /// </summary>
    private static void SubtractLowerAndMirror(Span<T> m, Span<T> g, int k)
    {
        for (var i = 0; i < k; i++)
        {
            var row = m.Slice(i * k, i + 1);
            System.Numerics.Tensors.TensorPrimitives.Subtract(row, g.Slice(i * k, i + 1), row);
        }
        Transposition.Transpose<T>(m, k, g, k, k, k);
        for (var j = 0; j + 1 < k; j++)
        {
            g.Slice(j * k + j + 1, k - j - 1).CopyTo(m.Slice(j * k + j + 1, k - j - 1));
        }
    }

    /// <summary>X ← X R^{−T} for upper-triangular R (X n×k): with Y = Xᵀ (rows padded to whole vectors), Y ← R⁻¹ Y.</summary>
    private void SolveTransposedUpper(ReadOnlySpan<T> r, Span<T> x)
    {
        int n = _n, k = _k, stride = _stride;
        var y = _transposed.Span;
        Transposition.Transpose<T>(x, k, y, stride, n, k);
        _solve.Solve(r, y, stride);
        Transposition.Transpose<T>(y, stride, x, k, k, n);
    }
}
