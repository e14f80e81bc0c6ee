using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Verified.Dense;

/// <summary>
/// Row-major matrix products C (+)= op(A)·op(B) on spans. The generated kernels route every
/// Mat·Vec through these. The core is a register-blocked micro-kernel (4 rows of C by three
/// vectors of the widest native width, fused multiply-add) that reads A through strides, so that Aᵀ costs nothing; Bᵀ is
/// transposed once into a per-thread buffer.
/// </summary>
public static class Gemm
{
    [ThreadStatic]
    private static object? _transposeBuffer;

    /// <summary>C (m×n) (+)= A (m×p) · B (p×n).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m * p, b.Length, p * n, c.Length, m * n);
        if (n == 1)
        {
            // Matrix-vector: one dot product per row.
            for (var i = 0; i < m; i++)
            {
                var dot = Blas.Dot(a.Slice(i * p, p), b[..p]);
                c[i] = accumulate ? c[i] + dot : dot;
            }
            return;
        }
        Kernel(a, p, 1, b, c, m, p, n, accumulate, lowerOnly: false);
    }

    /// <summary>C (m×n) (+)= Aᵀ · B with A stored p×m and B p×n.</summary>
    public static void MultiplyTransposedA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyTransposedA(a, b, c, m, p, n, accumulate, lowerOnly: false);

    /// <summary>The lower triangle (j ≤ i) of C (m×n) (+)= Aᵀ · B; what is above it afterwards is unspecified.</summary>
    public static void MultiplyTransposedALower<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyTransposedA(a, b, c, m, p, n, accumulate, lowerOnly: true);

    private static void MultiplyTransposedA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate, bool lowerOnly)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, p * m, b.Length, p * n, c.Length, m * n);
        if (n == 1 && !lowerOnly)
        {
            if (!accumulate)
            {
                c[..m].Clear();
            }
            for (var l = 0; l < p; l++)
            {
                Blas.Axpy(b[l], a.Slice(l * m, m), c[..m]);
            }
            return;
        }
        Kernel(a, 1, m, b, c, m, p, n, accumulate, lowerOnly);
    }

    /// <summary>C (m×n) (+)= A · Bᵀ with A stored m×p and B n×p.</summary>
    public static void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m * p, b.Length, n * p, c.Length, m * n);
        if (p == 1)
        {
            // Outer product a bᵀ.
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }
            for (var i = 0; i < m; i++)
            {
                Blas.Axpy(a[i], b[..n], c.Slice(i * n, n));
            }
            return;
        }
        var transposed = TransposeBuffer<T>(n * p);
        Transposition.Transpose(b, p, transposed, n, n, p);
        Kernel(a, p, 1, transposed, c, m, p, n, accumulate, lowerOnly: false);
    }

    /// <summary>
    /// C (m×n) (+)= A · B with A(i, l) at a[i·<paramref name="aRowStride"/> + l]: a block of a larger
    /// matrix, as a blocked triangular solve takes its off-diagonal blocks.
    /// </summary>
    internal static void MultiplyBlockA<T>(ReadOnlySpan<T> a, int aRowStride, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m == 0 ? 0 : (m - 1) * aRowStride + p, b.Length, p * n, c.Length, m * n);
        Kernel(a, aRowStride, 1, b, c, m, p, n, accumulate, lowerOnly: false);
    }

    private static Span<T> TransposeBuffer<T>(int length)
    {
        if (_transposeBuffer is not T[] buffer || buffer.Length < length)
        {
            buffer = new T[Math.Max(length, 1024)];
            _transposeBuffer = buffer;
        }
        return buffer.AsSpan(0, length);
    }

    /// <summary>
    /// C (+)= A·B with A(i, l) at a[i·rowStride + l·colStride], on the widest vectors this CPU runs
    /// natively (scalar when it has none).
    /// </summary>
    private static void Kernel<T>(ReadOnlySpan<T> a, int rowStride, int colStride, ReadOnlySpan<T> b, Span<T> c,
        int m, int p, int n, bool accumulate, bool lowerOnly)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        if (Simd.Wide)
        {
            Kernel<T, Vector512<T>, Lanes512<T>>(ref a0, rowStride, colStride, ref b0, ref c0, m, p, n, accumulate, lowerOnly);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Kernel<T, Vector256<T>, Lanes256<T>>(ref a0, rowStride, colStride, ref b0, ref c0, m, p, n, accumulate, lowerOnly);
        }
        else
        {
            for (var i = 0; i < m; i++)
            {
                Scalar(ref a0, rowStride, colStride, ref b0, ref c0, i, 0, lowerOnly ? Math.Min(n, i + 1) : n, p, n, accumulate);
            }
        }
    }

    /// <summary>
    /// Twelve accumulators in registers: blocks of 4 rows × 3 vectors where the CPU has 32 vector
    /// registers (AVX-512), of 6 rows × 2 vectors where it has 16 (AVX2: twelve accumulators, two
    /// rows of B and one broadcast fill 15 of them without a spill); then 4 rows × 2 vectors and
    /// 4 rows × 1 vector; the last partial vector is computed over the final full-width window of
    /// columns and stored only in its new lanes.
    /// </summary>
    private static void Kernel<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0,
        int m, int p, int n, bool accumulate, bool lowerOnly)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = TOps.Count;
        var i = 0;
        // Eight rows left go as two blocks of four rather than six and two single rows.
        for (; !TOps.ManyRegisters && i + 6 <= m && m - i != 8; i += 6)
        {
            var columns = lowerOnly ? Math.Min(n, i + 6) : n;
            var j = 0;
            for (; j + 2 * width <= columns; j += 2 * width)
            {
                Block6x2<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, p, n, accumulate);
            }
            if (j + width <= columns)
            {
                Block6x1<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, p, n, accumulate, TOps.AllBitsSet);
                j += width;
            }
            if (j < columns && columns >= width)
            {
                Block6x1<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, columns - width, p, n, accumulate, TOps.LanesFrom(width - (columns - j)));
            }
            else
            {
                for (var r = 0; r < 6; r++)
                {
                    Scalar(ref a0, rowStride, colStride, ref b0, ref c0, i + r, j, columns, p, n, accumulate);
                }
            }
        }
        for (; i + 4 <= m; i += 4)
        {
            var columns = lowerOnly ? Math.Min(n, i + 4) : n;
            var j = 0;
            for (; TOps.ManyRegisters && j + 3 * width <= columns; j += 3 * width)
            {
                Block4x3<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, p, n, accumulate);
            }
            for (; j + 2 * width <= columns; j += 2 * width)
            {
                Block4x2<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, p, n, accumulate);
            }
            FourRowTail<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, columns, p, n, accumulate);
        }
        for (; i < m; i++)
        {
            RowTail<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, 0, lowerOnly ? Math.Min(n, i + 1) : n, p, n, accumulate);
        }
    }

    /// <summary>Columns from…columns−1 of rows i…i+3, a vector at a time, the last one masked.</summary>
    private static void FourRowTail<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0,
        int i, int from, int columns, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = TOps.Count;
        var j = from;
        for (; j + width <= columns; j += width)
        {
            Block4x1<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, p, n, accumulate, TOps.AllBitsSet);
        }
        if (j < columns && columns >= width)
        {
            Block4x1<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, columns - width, p, n, accumulate, TOps.LanesFrom(width - (columns - j)));
        }
        else
        {
            for (var r = 0; r < 4; r++)
            {
                Scalar(ref a0, rowStride, colStride, ref b0, ref c0, i + r, j, columns, p, n, accumulate);
            }
        }
    }

    /// <summary>Columns from…columns−1 of row i, a vector at a time, the last one masked.</summary>
    private static void RowTail<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0,
        int i, int from, int columns, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = TOps.Count;
        var j = from;
        for (; j + 4 * width <= columns; j += 4 * width)
        {
            Row1x4<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, p, n, accumulate);
        }
        for (; j + width <= columns; j += width)
        {
            Row1x1<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, j, p, n, accumulate, TOps.AllBitsSet);
        }
        if (j < columns && columns >= width)
        {
            Row1x1<T, TV, TOps>(ref a0, rowStride, colStride, ref b0, ref c0, i, columns - width, p, n, accumulate, TOps.LanesFrom(width - (columns - j)));
        }
        else
        {
            Scalar(ref a0, rowStride, colStride, ref b0, ref c0, i, j, columns, p, n, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block6x2<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int j, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = (nuint)TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TV c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        ref var al = ref Unsafe.Add(ref a0, i * rowStride);
        ref var bl = ref Unsafe.Add(ref b0, j);
        nint r1 = rowStride, r2 = 2 * rowStride, r3 = 3 * rowStride, r4 = 4 * rowStride, r5 = 5 * rowStride;
        for (var l = 0; l < p; l++)
        {
            var v0 = TOps.Load(ref bl, 0);
            var v1 = TOps.Load(ref bl, width);
            var s = TOps.Broadcast(al);
            c00 = TOps.MultiplyAdd(s, v0, c00);
            c01 = TOps.MultiplyAdd(s, v1, c01);
            s = TOps.Broadcast(Unsafe.Add(ref al, r1));
            c10 = TOps.MultiplyAdd(s, v0, c10);
            c11 = TOps.MultiplyAdd(s, v1, c11);
            s = TOps.Broadcast(Unsafe.Add(ref al, r2));
            c20 = TOps.MultiplyAdd(s, v0, c20);
            c21 = TOps.MultiplyAdd(s, v1, c21);
            s = TOps.Broadcast(Unsafe.Add(ref al, r3));
            c30 = TOps.MultiplyAdd(s, v0, c30);
            c31 = TOps.MultiplyAdd(s, v1, c31);
            s = TOps.Broadcast(Unsafe.Add(ref al, r4));
            c40 = TOps.MultiplyAdd(s, v0, c40);
            c41 = TOps.MultiplyAdd(s, v1, c41);
            s = TOps.Broadcast(Unsafe.Add(ref al, r5));
            c50 = TOps.MultiplyAdd(s, v0, c50);
            c51 = TOps.MultiplyAdd(s, v1, c51);
            al = ref Unsafe.Add(ref al, colStride);
            bl = ref Unsafe.Add(ref bl, n);
        }
        var all = TOps.AllBitsSet;
        var at = (nuint)(i * n + j);
        var next = (nuint)n;
        Store<T, TV, TOps>(ref c0, at, c00, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + width, c01, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + next, c10, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + next + width, c11, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 2 * next, c20, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 2 * next + width, c21, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 3 * next, c30, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 3 * next + width, c31, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 4 * next, c40, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 4 * next + width, c41, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 5 * next, c50, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 5 * next + width, c51, accumulate, all);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block6x1<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int j, int p, int n, bool accumulate, TV lanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        TV c0v = TOps.Zero, c1v = TOps.Zero, c2v = TOps.Zero, c3v = TOps.Zero, c4v = TOps.Zero, c5v = TOps.Zero;
        ref var al = ref Unsafe.Add(ref a0, i * rowStride);
        ref var bl = ref Unsafe.Add(ref b0, j);
        for (var l = 0; l < p; l++)
        {
            var v = TOps.Load(ref bl, 0);
            c0v = TOps.MultiplyAdd(TOps.Broadcast(al), v, c0v);
            c1v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, rowStride)), v, c1v);
            c2v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 2 * rowStride)), v, c2v);
            c3v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 3 * rowStride)), v, c3v);
            c4v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 4 * rowStride)), v, c4v);
            c5v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 5 * rowStride)), v, c5v);
            al = ref Unsafe.Add(ref al, colStride);
            bl = ref Unsafe.Add(ref bl, n);
        }
        var at = (nuint)(i * n + j);
        var next = (nuint)n;
        Store<T, TV, TOps>(ref c0, at, c0v, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, at + next, c1v, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, at + 2 * next, c2v, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, at + 3 * next, c3v, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, at + 4 * next, c4v, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, at + 5 * next, c5v, accumulate, lanes);
    }

    /// <summary>One row by four vectors: four independent FMA chains hide the FMA latency a single chain would expose.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row1x4<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int j, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = (nuint)TOps.Count;
        TV s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
        ref var al = ref Unsafe.Add(ref a0, i * rowStride);
        ref var bl = ref Unsafe.Add(ref b0, j);
        for (var l = 0; l < p; l++)
        {
            var a = TOps.Broadcast(al);
            s0 = TOps.MultiplyAdd(a, TOps.Load(ref bl, 0), s0);
            s1 = TOps.MultiplyAdd(a, TOps.Load(ref bl, width), s1);
            s2 = TOps.MultiplyAdd(a, TOps.Load(ref bl, 2 * width), s2);
            s3 = TOps.MultiplyAdd(a, TOps.Load(ref bl, 3 * width), s3);
            al = ref Unsafe.Add(ref al, colStride);
            bl = ref Unsafe.Add(ref bl, n);
        }
        var all = TOps.AllBitsSet;
        var at = (nuint)(i * n + j);
        Store<T, TV, TOps>(ref c0, at, s0, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + width, s1, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 2 * width, s2, accumulate, all);
        Store<T, TV, TOps>(ref c0, at + 3 * width, s3, accumulate, all);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x3<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int j, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = (nuint)TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero;
        TV c20 = TOps.Zero, c21 = TOps.Zero, c22 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero, c32 = TOps.Zero;
        ref var al = ref Unsafe.Add(ref a0, i * rowStride);
        ref var bl = ref Unsafe.Add(ref b0, j);
        for (var l = 0; l < p; l++)
        {
            var v0 = TOps.Load(ref bl, 0);
            var v1 = TOps.Load(ref bl, width);
            var v2 = TOps.Load(ref bl, 2 * width);
            var s = TOps.Broadcast(al);
            c00 = TOps.MultiplyAdd(s, v0, c00);
            c01 = TOps.MultiplyAdd(s, v1, c01);
            c02 = TOps.MultiplyAdd(s, v2, c02);
            s = TOps.Broadcast(Unsafe.Add(ref al, rowStride));
            c10 = TOps.MultiplyAdd(s, v0, c10);
            c11 = TOps.MultiplyAdd(s, v1, c11);
            c12 = TOps.MultiplyAdd(s, v2, c12);
            s = TOps.Broadcast(Unsafe.Add(ref al, 2 * rowStride));
            c20 = TOps.MultiplyAdd(s, v0, c20);
            c21 = TOps.MultiplyAdd(s, v1, c21);
            c22 = TOps.MultiplyAdd(s, v2, c22);
            s = TOps.Broadcast(Unsafe.Add(ref al, 3 * rowStride));
            c30 = TOps.MultiplyAdd(s, v0, c30);
            c31 = TOps.MultiplyAdd(s, v1, c31);
            c32 = TOps.MultiplyAdd(s, v2, c32);
            al = ref Unsafe.Add(ref al, colStride);
            bl = ref Unsafe.Add(ref bl, n);
        }
        var all = TOps.AllBitsSet;
        for (var r = 0; r < 4; r++)
        {
            var at = (nuint)((i + r) * n + j);
            var (x0, x1, x2) = r switch { 0 => (c00, c01, c02), 1 => (c10, c11, c12), 2 => (c20, c21, c22), _ => (c30, c31, c32) };
            Store<T, TV, TOps>(ref c0, at, x0, accumulate, all);
            Store<T, TV, TOps>(ref c0, at + width, x1, accumulate, all);
            Store<T, TV, TOps>(ref c0, at + 2 * width, x2, accumulate, all);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x2<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int j, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = (nuint)TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        ref var al = ref Unsafe.Add(ref a0, i * rowStride);
        ref var bl = ref Unsafe.Add(ref b0, j);
        for (var l = 0; l < p; l++)
        {
            var v0 = TOps.Load(ref bl, 0);
            var v1 = TOps.Load(ref bl, width);
            var s = TOps.Broadcast(al);
            c00 = TOps.MultiplyAdd(s, v0, c00);
            c01 = TOps.MultiplyAdd(s, v1, c01);
            s = TOps.Broadcast(Unsafe.Add(ref al, rowStride));
            c10 = TOps.MultiplyAdd(s, v0, c10);
            c11 = TOps.MultiplyAdd(s, v1, c11);
            s = TOps.Broadcast(Unsafe.Add(ref al, 2 * rowStride));
            c20 = TOps.MultiplyAdd(s, v0, c20);
            c21 = TOps.MultiplyAdd(s, v1, c21);
            s = TOps.Broadcast(Unsafe.Add(ref al, 3 * rowStride));
            c30 = TOps.MultiplyAdd(s, v0, c30);
            c31 = TOps.MultiplyAdd(s, v1, c31);
            al = ref Unsafe.Add(ref al, colStride);
            bl = ref Unsafe.Add(ref bl, n);
        }
        var all = TOps.AllBitsSet;
        Store<T, TV, TOps>(ref c0, (nuint)(i * n + j), c00, accumulate, all);
        Store<T, TV, TOps>(ref c0, (nuint)(i * n + j) + width, c01, accumulate, all);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 1) * n + j), c10, accumulate, all);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 1) * n + j) + width, c11, accumulate, all);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 2) * n + j), c20, accumulate, all);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 2) * n + j) + width, c21, accumulate, all);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 3) * n + j), c30, accumulate, all);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 3) * n + j) + width, c31, accumulate, all);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x1<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int j, int p, int n, bool accumulate, TV lanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        TV c00 = TOps.Zero, c10 = TOps.Zero, c20 = TOps.Zero, c30 = TOps.Zero;
        ref var ar = ref Unsafe.Add(ref a0, i * rowStride);
        ref var bj = ref Unsafe.Add(ref b0, j);
        for (var l = 0; l < p; l++)
        {
            var v0 = TOps.Load(ref bj, (nuint)(l * n));
            ref var al = ref Unsafe.Add(ref ar, l * colStride);
            c00 = TOps.MultiplyAdd(TOps.Broadcast(al), v0, c00);
            c10 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, rowStride)), v0, c10);
            c20 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 2 * rowStride)), v0, c20);
            c30 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 3 * rowStride)), v0, c30);
        }
        Store<T, TV, TOps>(ref c0, (nuint)(i * n + j), c00, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 1) * n + j), c10, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 2) * n + j), c20, accumulate, lanes);
        Store<T, TV, TOps>(ref c0, (nuint)((i + 3) * n + j), c30, accumulate, lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row1x1<T, TV, TOps>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int j, int p, int n, bool accumulate, TV lanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var sum = TOps.Zero;
        ref var ar = ref Unsafe.Add(ref a0, i * rowStride);
        for (var l = 0; l < p; l++)
        {
            sum = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref ar, l * colStride)), TOps.Load(ref b0, (nuint)(l * n + j)), sum);
        }
        Store<T, TV, TOps>(ref c0, (nuint)(i * n + j), sum, accumulate, lanes);
    }

    private static void Scalar<T>(ref T a0, int rowStride, int colStride, ref T b0, ref T c0, int i, int from, int to, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var j = from; j < to; j++)
        {
            var sum = T.Zero;
            for (var l = 0; l < p; l++)
            {
                sum += Unsafe.Add(ref a0, i * rowStride + l * colStride) * Unsafe.Add(ref b0, l * n + j);
            }
            ref var target = ref Unsafe.Add(ref c0, i * n + j);
            target = accumulate ? target + sum : sum;
        }
    }

    /// <summary>Writes (or adds) the lanes selected by <paramref name="lanes"/>; the others keep C's value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T, TV, TOps>(ref T c0, nuint offset, TV value, bool accumulate, TV lanes)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var old = TOps.Load(ref c0, offset);
        TOps.Store(TOps.Select(lanes, accumulate ? TOps.Add(old, value) : value, old), ref c0, offset);
    }

    private static void Check(int aLength, int aNeeded, int bLength, int bNeeded, int cLength, int cNeeded)
    {
        if (aLength < aNeeded || bLength < bNeeded || cLength < cNeeded)
        {
            throw new ArgumentException($"matrix product operands too short: A {aLength}/{aNeeded}, B {bLength}/{bNeeded}, C {cLength}/{cNeeded}");
        }
    }
}
