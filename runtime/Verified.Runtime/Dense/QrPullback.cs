using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private readonly T[] _negatedR;   // −R, the off-diagonal blocks of the blocked solve

    /// <summary>The pullback of the thin QR of n×k matrices, 1 ≤ k ≤ n, with its workspace.</summary>
    public QrPullback(int n, int k)
    {
        (_n, _k, _stride) = (n, k, Simd.RoundUp<T>(n));
        _m = new T[k * k];
        _gram = new T[k * k];
        _transposed = new AlignedArray<T>(k * _stride);
        _negatedR = new T[k * k];
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
    /// m_ij −= g_ij for j ≤ i, and m_ji = m_ij: the lower triangle of M − G mirrored (copyltu), in 8 × 8 tiles so that
    /// the column writes stay within eight cache lines (ms per 300 calls, element by element against tiles:
    /// 4.8 against 4.4 at k = 75, 8.3 against 6.1 at k = 128).
    /// </summary>
    private static void SubtractLowerAndMirror(Span<T> m, ReadOnlySpan<T> g, int k)
    {
        const int tile = 8;
        for (var rowTile = 0; rowTile < k; rowTile += tile)
        {
            var rowEnd = Math.Min(rowTile + tile, k);
            for (var columnTile = 0; columnTile <= rowTile; columnTile += tile)
            {
                for (var i = rowTile; i < rowEnd; i++)
                {
                    var columnEnd = Math.Min(columnTile + tile, i + 1);
                    for (var j = columnTile; j < columnEnd; j++)
                    {
                        var value = m[i * k + j] - g[i * k + j];
                        m[i * k + j] = value;
                        m[j * k + i] = value;
                    }
                }
            }
        }
    }

    /// <summary>
    /// X ← X R^{−T} for upper-triangular R (X n×k): with Y = Xᵀ, row i of the solution is
    /// (y_i − Σ_{j>i} R_ij y_j) / R_ii. Blocked from the last rows up: a block of rows I first takes
    /// Y_I −= R_{I,J} Y_J for all finished rows J below it as one matrix product, then is solved
    /// within itself; so all but the diagonal blocks' share of the n·k² multiply-adds runs in the
    /// GEMM kernel.
    /// </summary>
    private void SolveTransposedUpper(ReadOnlySpan<T> r, Span<T> x)
    {
        int n = _n, k = _k, stride = _stride;
        var y = _transposed.Span;
        Transposition.Transpose<T>(x, k, y, stride, n, k);
        Blas.ScaleTo(-T.One, r[..(k * k)], _negatedR);
        // 24 rows per block: four of the GEMM kernel's 6-row tiles on AVX2, six 4-row tiles on AVX-512. Each block's
        // update packs the finished rows below it once, so wider blocks pack less: at n = 256, k = 128 blocks of 6 spent
        // about a fifth of the pullback packing; blocks of 24 made the pullback 15–20 % faster and left n = 80 unchanged.
        const int block = 24;
        for (var end = k; end > 0; end -= block)
        {
            var start = Math.Max(0, end - block);
            if (end < k)
            {
                Gemm.MultiplyBlockA<T>(_negatedR.AsSpan(start * k + end), k, y[(end * stride)..], y.Slice(start * stride, (end - start) * stride),
                    end - start, k - end, stride, accumulate: true);
            }
            if (Simd.Wide)
            {
                SolveRows<Vector512<T>, Lanes512<T>>(r, y, start, end);
            }
            else
            {
                SolveRows<Vector256<T>, Lanes256<T>>(r, y, start, end);
            }
        }
        Transposition.Transpose<T>(y, stride, x, k, k, n);
    }

    /// <summary>Rows start…end−1 of Y, whose rows from end on are already subtracted: row i ← (y_i − Σ_{i&lt;j&lt;end} R_ij y_j) / R_ii, from the last row up.</summary>
    private void SolveRows<TV, TOps>(ReadOnlySpan<T> r, Span<T> y, int start, int end) where TV : struct where TOps : ISimd<TV, T>
    {
        int k = _k, stride = _stride, width = TOps.Count;
        ref var y0 = ref MemoryMarshal.GetReference(y);
        for (var i = end - 1; i >= start; i--)
        {
            var inverse = TOps.Broadcast(T.One / r[i * k + i]);
            var row = (nuint)(i * stride);
            var column = 0;
            // Four vectors at a time: four independent FMA chains hide the FMA latency.
            for (; column + 4 * width <= stride; column += 4 * width)
            {
                var at = row + (nuint)column;
                var w = (nuint)width;
                var acc0 = TOps.Load(ref y0, at);
                var acc1 = TOps.Load(ref y0, at + w);
                var acc2 = TOps.Load(ref y0, at + 2 * w);
                var acc3 = TOps.Load(ref y0, at + 3 * w);
                for (var j = i + 1; j < end; j++)
                {
                    var coefficient = TOps.Broadcast(-r[i * k + j]);
                    var other = (nuint)(j * stride + column);
                    acc0 = TOps.MultiplyAdd(coefficient, TOps.Load(ref y0, other), acc0);
                    acc1 = TOps.MultiplyAdd(coefficient, TOps.Load(ref y0, other + w), acc1);
                    acc2 = TOps.MultiplyAdd(coefficient, TOps.Load(ref y0, other + 2 * w), acc2);
                    acc3 = TOps.MultiplyAdd(coefficient, TOps.Load(ref y0, other + 3 * w), acc3);
                }
                TOps.Store(TOps.Multiply(acc0, inverse), ref y0, at);
                TOps.Store(TOps.Multiply(acc1, inverse), ref y0, at + w);
                TOps.Store(TOps.Multiply(acc2, inverse), ref y0, at + 2 * w);
                TOps.Store(TOps.Multiply(acc3, inverse), ref y0, at + 3 * w);
            }
            for (; column < stride; column += width)
            {
                // The last few vectors: two FMA chains over alternate j.
                var at = row + (nuint)column;
                var acc = TOps.Load(ref y0, at);
                var other = TOps.Zero;
                var j = i + 1;
                for (; j + 1 < end; j += 2)
                {
                    acc = TOps.MultiplyAdd(TOps.Broadcast(-r[i * k + j]), TOps.Load(ref y0, (nuint)(j * stride + column)), acc);
                    other = TOps.MultiplyAdd(TOps.Broadcast(-r[i * k + j + 1]), TOps.Load(ref y0, (nuint)((j + 1) * stride + column)), other);
                }
                if (j < end)
                {
                    acc = TOps.MultiplyAdd(TOps.Broadcast(-r[i * k + j]), TOps.Load(ref y0, (nuint)(j * stride + column)), acc);
                }
                TOps.Store(TOps.Multiply(TOps.Add(acc, other), inverse), ref y0, at);
            }
        }
    }
}
