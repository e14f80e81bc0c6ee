using System.Numerics;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>
/// Row-major matrix products C (+)= op(A)·op(B) on spans. The generated kernels route every
/// Mat·Vec through these. Matrix-vector and outer products go through level-1 kernels; every other
/// product through <see cref="PackedKernel"/>, which reads A through strides and packs B, so that
/// neither transposition costs a pass of its own.
/// </summary>
public static class Gemm
{

    /// <summary>C (m×n) (+)= A (m×p) · B (p×n).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m * p, b.Length, p * n, c.Length, m * n);
        if (n == 1)
        {
            MatrixVector(a, b[..p], c, m, accumulate);
            return;
        }
        if (p == 1)
        {
            Outer(a[..m], b[..n], c, accumulate);
            return;
        }
        Kernel(a, p, 1, b, n, 1, c, m, p, n, accumulate, lowerOnly: false);
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
        if (p == 1 && !lowerOnly)
        {
            Outer(a[..m], b[..n], c, accumulate);
            return;
        }
        Kernel(a, 1, m, b, n, 1, c, m, p, n, accumulate, lowerOnly);
    }

    /// <summary>C (m×n) (+)= A · Bᵀ with A stored m×p and B n×p.</summary>
    public static void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m * p, b.Length, n * p, c.Length, m * n);
        if (p == 1)
        {
            Outer(a[..m], b[..n], c, accumulate);
            return;
        }
        if (n == 1)
        {
            MatrixVector(a, b[..p], c, m, accumulate);
            return;
        }
        Kernel(a, p, 1, b, 1, p, c, m, p, n, accumulate, lowerOnly: false);
    }

    /// <summary>
    /// C (m×n) (+)= A · B with A(i, l) at a[i·<paramref name="aRowStride"/> + l]: a block of a larger
    /// matrix, as a blocked triangular solve takes its off-diagonal blocks.
    /// </summary>
    internal static void MultiplyBlockA<T>(ReadOnlySpan<T> a, int aRowStride, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m == 0 ? 0 : (m - 1) * aRowStride + p, b.Length, p * n, c.Length, m * n);
        Kernel(a, aRowStride, 1, b, n, 1, c, m, p, n, accumulate, lowerOnly: false);
    }

    /// <summary>c (m) (+)= A x with A stored m×x.Length: one dot product per row.</summary>
    private static void MatrixVector<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> x, Span<T> c, int m, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = x.Length;
        for (var i = 0; i < m; i++)
        {
            var dot = Blas.Dot(a.Slice(i * p, p), x);
            c[i] = accumulate ? c[i] + dot : dot;
        }
    }

    /// <summary>C (u.Length × v.Length) (+)= u vᵀ, row by row: a batch of one-column products (V x for a scalar input) is one.</summary>
    private static void Outer<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> v, Span<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = v.Length;
        for (var i = 0; i < u.Length; i++)
        {
            if (accumulate)
            {
                Blas.Axpy(u[i], v, c.Slice(i * n, n));
            }
            else
            {
                Blas.ScaleTo(u[i], v, c.Slice(i * n, n));
            }
        }
    }

    /// <summary>C (+)= A·B with A(i, l) at a[i·aRow + l·aCol] and B(l, j) at b[l·bRow + j·bCol].</summary>
    private static void Kernel<T>(ReadOnlySpan<T> a, int aRow, int aCol, ReadOnlySpan<T> b, int bRow, int bCol, Span<T> c,
        int m, int p, int n, bool accumulate, bool lowerOnly)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        PackedKernel.Multiply(ref MemoryMarshal.GetReference(a), aRow, aCol, ref MemoryMarshal.GetReference(b), bRow, bCol,
            ref MemoryMarshal.GetReference(c), n, m, p, n, accumulate, lowerOnly);

    private static void Check(int aLength, int aNeeded, int bLength, int bNeeded, int cLength, int cNeeded)
    {
        if (aLength < aNeeded || bLength < bNeeded || cLength < cNeeded)
        {
            throw new ArgumentException($"matrix product operands too short: A {aLength}/{aNeeded}, B {bLength}/{bNeeded}, C {cLength}/{cNeeded}");
        }
    }
}
