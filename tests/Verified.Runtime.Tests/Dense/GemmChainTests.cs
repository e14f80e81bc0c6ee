using Verified.Dense;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>
/// Every element of a product is one fused multiply–add chain over the inner index from zero, then
/// added to C when accumulating, whatever the blocking, grouping or threads (docs/design.md,
/// "Threads"): so each must equal the scalar chain exactly, at sizes that take every path of the
/// packed kernel (rows below a block, B read in place, B packed, B larger than the L2 cache in groups, C one or two
/// vectors wide, a last strip narrower than the others).
/// </summary>
public sealed class GemmChainTests
{
    [Theory]
    [InlineData(3, 40, 30)]      // fewer rows than a block
    [InlineData(40, 30, 20)]     // B read in place
    [InlineData(97, 200, 101)]   // B packed
    [InlineData(301, 700, 333)]  // B over 512 KB: row blocks in groups
    [InlineData(80, 80, 16)]     // a training batch: 8 rows × 2 vectors of doubles, 16 × 1 of floats on AVX-512 (6 × 2, 12 × 1 on AVX2)
    [InlineData(80, 80, 8)]      // one vector of doubles on AVX-512: 16 rows × 1 vector
    [InlineData(37, 50, 3)]      // under one vector on either width: 16 × 1 (12 × 1), with a last block that overlaps
    [InlineData(11, 20, 4)]      // fewer rows than a 12-row block
    [InlineData(14, 20, 4)]      // fewer rows than a 16-row block, a whole 12-row block and its overlap on AVX2
    [InlineData(21, 20, 12)]     // 8 × 2 on AVX-512 with an overlapping last block (6 × 2 on AVX2)
    [InlineData(80, 80, 75)]     // the flossing tangent: a last strip of 3 doubles (11 floats) in a narrower block of its own
    [InlineData(45, 60, 51)]     // a narrow last strip whose last 12-row block overlaps the one before
    [InlineData(9, 30, 75)]      // too few rows for the narrow last strip's block: the wide block takes it
    public void Each_element_is_the_scalar_fma_chain(int m, int p, int n)
    {
        var a = DenseTestData.Gaussian(m * p, 41);
        var at = DenseTestData.Gaussian(p * m, 42);
        var b = DenseTestData.Gaussian(p * n, 43);
        var start = DenseTestData.Gaussian(m * n, 44);

        var plain = new double[m * n];
        Gemm.Multiply<double>(a, b, plain, m, p, n, accumulate: false);
        Assert.Equal(Chain(i => l => a[i * p + l], b, m, p, n, null), plain);

        var transposed = (double[])start.Clone();
        Gemm.MultiplyTransposedA<double>(at, b, transposed, m, p, n, accumulate: true);
        Assert.Equal(Chain(i => l => at[l * m + i], b, m, p, n, start), transposed);

        var lower = new double[m * n];
        Gemm.MultiplyTransposedALower<double>(at, b, lower, m, p, n, accumulate: false);
        var expected = Chain(i => l => at[l * m + i], b, m, p, n, null);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= Math.Min(i, n - 1); j++)
            {
                Assert.Equal(expected[i * n + j], lower[i * n + j]);
            }
        }
    }

    private static double[] Chain(Func<int, Func<int, double>> row, double[] b, int m, int p, int n, double[]? start)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            var ai = row(i);
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var l = 0; l < p; l++)
                {
                    sum = Math.FusedMultiplyAdd(ai(l), b[l * n + j], sum);
                }
                c[i * n + j] = start is null ? sum : start[i * n + j] + sum;
            }
        }
        return c;
    }
}
