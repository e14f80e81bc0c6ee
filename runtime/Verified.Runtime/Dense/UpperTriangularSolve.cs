using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Verified.Dense;

/// <summary>
/// Y ← R⁻¹ Y in place for an upper-triangular R (k×k, row-major) and Y of k rows: row i of the solution
/// is (y_i − Σ_{j&gt;i} R_ij y_j) / R_ii. Blocked from the last rows up: a block of rows I first takes
/// Y_I −= R_{I,J} Y_J for all finished rows J below it as one matrix product, then is solved within
/// itself; so all but the diagonal blocks' share of the multiply-adds runs in the GEMM kernel. Used by
/// the QR pullback (on Āᵀ, docs/design.md "The QR pullback") and by the backward pass of the covariant
/// vectors (C_s = R_s⁻¹ C_{s+1}, docs/design.md "Covariant vectors"). The workspace is owned: no
/// allocation per call.
/// </summary>
public sealed class UpperTriangularSolve<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // 24 rows per block: four of the GEMM kernel's 6-row tiles on AVX2, six 4-row tiles on AVX-512. Each block's
    // update packs the finished rows below it once, so wider blocks pack less: at n = 256, k = 128 blocks of 6 spent
    // about a fifth of the QR pullback packing; blocks of 24 made it 15–20 % faster and left n = 80 unchanged.
    private const int Block = 24;
    private readonly int _k;
    private readonly T[] _negatedR;

    /// <summary>The shortest row stride of whole vectors that holds <paramref name="columns"/> elements, as <see cref="Solve"/> needs.</summary>
    public static int Stride(int columns) => Simd.RoundUp<T>(columns);

    /// <summary>A solver for k×k triangular factors.</summary>
    public UpperTriangularSolve(int k) => (_k, _negatedR) = (k, new T[k * k]);

    /// <summary>
    /// Y ← R⁻¹ Y for the k rows of <paramref name="y"/>, each <paramref name="stride"/> long (whole vectors, as
    /// <see cref="Stride"/> gives; every column of the stride is solved, padding included).
    /// </summary>
    public void Solve(ReadOnlySpan<T> r, Span<T> y, int stride)
    {
        var k = _k;
        if (stride % Stride(1) != 0 || y.Length < k * stride || r.Length < k * k)
        {
            throw new ArgumentException($"the rows must be whole vectors ({Stride(1)} elements) and Y must hold {k} of them");
        }
        Blas.ScaleTo(-T.One, r[..(k * k)], _negatedR);
        for (var end = k; end > 0; end -= Block)
        {
            var start = Math.Max(0, end - Block);
            if (end < k)
            {
                Gemm.MultiplyBlockA<T>(_negatedR.AsSpan(start * k + end), k, y[(end * stride)..], y.Slice(start * stride, (end - start) * stride),
                    end - start, k - end, stride, accumulate: true);
            }
            if (Simd.Wide)
            {
                SolveRows<Vector512<T>, Lanes512<T>>(r, y, stride, start, end);
            }
            else
            {
                SolveRows<Vector256<T>, Lanes256<T>>(r, y, stride, start, end);
            }
        }
    }

    /// <summary>Rows start…end−1 of Y, whose rows from end on are already subtracted: row i ← (y_i − Σ_{i&lt;j&lt;end} R_ij y_j) / R_ii, from the last row up.</summary>
    private void SolveRows<TV, TOps>(ReadOnlySpan<T> r, Span<T> y, int stride, int start, int end) where TV : struct where TOps : ISimd<TV, T>
    {
        int k = _k, width = TOps.Count;
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
