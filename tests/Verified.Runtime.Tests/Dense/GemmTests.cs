using Verified.Checks;
using Verified.Dense;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>Every product form against the textbook triple loop, on shapes that hit each block size (6- and 4-row blocks, single rows), each column tail and the masked last vector.</summary>
public sealed class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 2 }, { 4, 7, 9 }, { 5, 3, 17 }, { 8, 8, 8 }, { 13, 11, 31 }, { 6, 3, 9 }, { 7, 5, 13 }, { 9, 4, 3 }, { 14, 6, 21 }, { 20, 9, 35 }, { 11, 7, 2 }, { 80, 80, 75 }, { 75, 80, 75 }, { 80, 75, 80 },
        // One-column products and matrix-vector products in each form (V x and V̄ += x̄ xᵀ for a scalar input over a batch).
        { 80, 1, 16 }, { 7, 1, 13 }, { 80, 16, 1 }, { 9, 4, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Products_match_the_triple_loop_in_double(int m, int p, int n)
    {
        var a = DenseTestData.Gaussian(m * p, 1);
        var b = DenseTestData.Gaussian(p * n, 2);
        var c0 = DenseTestData.Gaussian(m * n, 3);
        var expected = Reference(m, p, n, (i, l) => a[i * p + l], (l, j) => b[l * n + j]);

        var c = (double[])c0.Clone();
        Gemm.Multiply<double>(a, b, c, m, p, n, accumulate: false);
        Assert.True(Compare.RelativeError(c, expected) < 1e-14);

        c = (double[])c0.Clone();
        Gemm.Multiply<double>(a, b, c, m, p, n, accumulate: true);
        Assert.True(Compare.RelativeError(c, expected.Select((value, at) => value + c0[at]).ToArray()) < 1e-14);

        var aT = Transpose(a, m, p);
        c = (double[])c0.Clone();
        Gemm.MultiplyTransposedA<double>(aT, b, c, m, p, n, accumulate: false);
        Assert.True(Compare.RelativeError(c, expected) < 1e-14);

        c = (double[])c0.Clone();
        Gemm.MultiplyTransposedA<double>(aT, b, c, m, p, n, accumulate: true);
        Assert.True(Compare.RelativeError(c, expected.Select((value, at) => value + c0[at]).ToArray()) < 1e-14);

        var bT = Transpose(b, p, n);
        c = (double[])c0.Clone();
        Gemm.MultiplyTransposedB<double>(a, bT, c, m, p, n, accumulate: false);
        Assert.True(Compare.RelativeError(c, expected) < 1e-14);

        c = (double[])c0.Clone();
        Gemm.MultiplyTransposedB<double>(a, bT, c, m, p, n, accumulate: true);
        Assert.True(Compare.RelativeError(c, expected.Select((value, at) => value + c0[at]).ToArray()) < 1e-14);

        c = (double[])c0.Clone();
        Gemm.MultiplyTransposedALower<double>(aT, b, c, m, p, n, accumulate: false);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= Math.Min(i, n - 1); j++)
            {
                var want = expected[i * n + j];
                Assert.True(Math.Abs(c[i * n + j] - want) <= 1e-13 * (1 + Math.Abs(want)), $"lower ({i},{j}): {c[i * n + j]} against {want}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Products_match_the_triple_loop_in_float(int m, int p, int n)
    {
        var a = DenseTestData.Gaussian(m * p, 4);
        var b = DenseTestData.Gaussian(p * n, 5);
        var expected = Reference(m, p, n, (i, l) => (float)a[i * p + l], (l, j) => (float)b[l * n + j]);
        var c = new float[m * n];
        Gemm.Multiply<float>(Array.ConvertAll(a, value => (float)value), Array.ConvertAll(b, value => (float)value), c, m, p, n, accumulate: false);
        Assert.True(Compare.RelativeError(c, expected) < 1e-6);
    }

    private static double[] Reference(int m, int p, int n, Func<int, int, double> a, Func<int, int, double> b)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var l = 0; l < p; l++)
                {
                    c[i * n + j] += a(i, l) * b(l, j);
                }
            }
        }
        return c;
    }

    private static double[] Transpose(double[] x, int rows, int cols)
    {
        var t = new double[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }
}
