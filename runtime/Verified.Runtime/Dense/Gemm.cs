using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// Row-major matrix products C (+)= op(A)·op(B) on spans, vectorised along the rows of C.
/// The generated kernels route every Mat·Vec through these.
/// </summary>
public static class Gemm
{
    /// <summary>C (m×n) (+)= A (m×p) · B (p×n).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m * p, b.Length, p * n, c.Length, m * n);
        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            var ai = a.Slice(i * p, p);
            for (var l = 0; l < p; l++)
            {
                Blas.Axpy(ai[l], b.Slice(l * n, n), row);
            }
        }
    }

    /// <summary>C (m×n) (+)= Aᵀ · B with A stored p×m and B p×n.</summary>
    public static void MultiplyTransposedA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, p * m, b.Length, p * n, c.Length, m * n);
        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }
        for (var l = 0; l < p; l++)
        {
            var bl = b.Slice(l * n, n);
            var al = a.Slice(l * m, m);
            for (var i = 0; i < m; i++)
            {
                Blas.Axpy(al[i], bl, c.Slice(i * n, n));
            }
        }
    }

    /// <summary>C (m×n) (+)= A · Bᵀ with A stored m×p and B n×p.</summary>
    public static void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int p, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(a.Length, m * p, b.Length, n * p, c.Length, m * n);
        for (var i = 0; i < m; i++)
        {
            var ai = a.Slice(i * p, p);
            var row = c.Slice(i * n, n);
            for (var j = 0; j < n; j++)
            {
                var dot = Blas.Dot(ai, b.Slice(j * p, p));
                row[j] = accumulate ? row[j] + dot : dot;
            }
        }
    }

    private static void Check(int aLength, int aNeeded, int bLength, int bNeeded, int cLength, int cNeeded)
    {
        if (aLength < aNeeded || bLength < bNeeded || cLength < cNeeded)
        {
            throw new ArgumentException($"matrix product operands too short: A {aLength}/{aNeeded}, B {bLength}/{bNeeded}, C {cLength}/{cNeeded}");
        }
    }
}
