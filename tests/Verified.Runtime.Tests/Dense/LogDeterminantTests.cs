using Verified.Dense;
using Verified.Dense.Threading;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>
/// log|det A| against a matrix built as P L U with a known diagonal of U, so that log|det A| = Σ log|U_jj| is known
/// before any elimination: unblocked below <see cref="LogDeterminant.BlockedFrom"/>, in panels from it.
/// </summary>
public sealed class LogDeterminantTests
{
    /// <summary>
    /// A = P L U: L unit lower triangular and U upper triangular with Gaussian entries of spread 0.3/√n off the diagonal
    /// (well conditioned, so that the product L U itself is formed to rounding), |U_jj| in [0.5, 2], and P a random
    /// permutation of the rows, which the pivoting has to undo.
    /// </summary>
    private static (double[] A, double LogAbsDet) Built(int n, ulong seed)
    {
        var g = DenseTestData.Gaussian(3 * n * n + n, seed);
        var (l, u) = (new double[n * n], new double[n * n]);
        var logAbsDet = 0.0;
        for (var i = 0; i < n; i++)
        {
            l[i * n + i] = 1;
            for (var j = 0; j < i; j++)
            {
                l[i * n + j] = 0.3 / Math.Sqrt(n) * g[i * n + j];
            }
            var diagonal = (0.5 + 1.5 * Math.Abs(Math.Tanh(g[n * n + i]))) * (g[2 * n * n + i] < 0 ? -1 : 1);
            u[i * n + i] = diagonal;
            logAbsDet += Math.Log(Math.Abs(diagonal));
            for (var j = i + 1; j < n; j++)
            {
                u[i * n + j] = 0.3 / Math.Sqrt(n) * g[n * n + n + i * n + j];
            }
        }
        var lu = new double[n * n];
        Gemm.Multiply<double>(l, u, lu, n, n, n, accumulate: false);
        var order = Enumerable.Range(0, n).OrderBy(i => g[2 * n * n + n + i]).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            lu.AsSpan(order[i] * n, n).CopyTo(a.AsSpan(i * n, n));
        }
        return (a, logAbsDet);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(301)]
    public void Log_abs_det_of_a_built_P_L_U_is_the_sum_of_its_diagonal(int n)
    {
        var (a, expected) = Built(n, (ulong)n);
        var actual = LogDeterminant.LogAbsDet(a, n);
        Assert.True(Math.Abs(actual - expected) < 1e-12 * n, $"n = {n}: {actual} against {expected}");
    }

    /// <summary>A broken input for the check above: one entry moved by 0.01 moves log|det| far beyond the tolerance.</summary>
    [Fact]
    public void The_check_sees_a_matrix_that_is_not_the_built_one()
    {
        var (a, expected) = Built(301, 301);
        a[5 * 301 + 7] += 0.01;
        Assert.True(Math.Abs(LogDeterminant.LogAbsDet(a, 301) - expected) > 1e-12 * 301);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(301)]
    public void A_zero_column_gives_minus_infinity(int n)
    {
        var a = DenseTestData.Gaussian(n * n, 9);
        for (var i = 0; i < n; i++)
        {
            a[i * n + n / 2] = 0;
        }
        Assert.Equal(double.NegativeInfinity, LogDeterminant.LogAbsDet(a, n));
    }

    /// <summary>
    /// Two equal rows: −∞ below the blocked size, where both rows meet the same operations; from it a value far below that
    /// of the same matrix with the copy moved by 1e-3 (one pivot at rounding level instead of about 1e-3).
    /// </summary>
    [Theory]
    [InlineData(200)]
    [InlineData(300)]
    public void Two_equal_rows_give_minus_infinity_or_a_pivot_at_rounding_level(int n)
    {
        var a = DenseTestData.Gaussian(n * n, 10);
        a.AsSpan(3 * n, n).CopyTo(a.AsSpan((n - 5) * n, n));
        var moved = (double[])a.Clone();
        var step = DenseTestData.Gaussian(n, 11);
        for (var j = 0; j < n; j++)
        {
            moved[(n - 5) * n + j] += 1e-3 * step[j];
        }
        var equal = LogDeterminant.LogAbsDet(a, n);
        var apart = LogDeterminant.LogAbsDet(moved, n);
        if (n < LogDeterminant.BlockedFrom)
        {
            Assert.Equal(double.NegativeInfinity, equal);
        }
        else
        {
            Assert.True(double.IsFinite(equal) && equal < apart - 20, $"equal rows {equal}, moved apart {apart}");
        }
    }

    [Fact]
    public void Panels_on_a_team_give_the_numbers_of_one_thread_and_allocate_nothing_once_warm()
    {
        const int n = 400;
        var (a, _) = Built(n, 4);
        var alone = LogDeterminant.LogAbsDet((double[])a.Clone(), n);
        using var team = DenseThreads.Use(2);
        Assert.Equal(alone, LogDeterminant.LogAbsDet((double[])a.Clone(), n));
        Assert.True(DenseThreads.SharedChunks > 0, "the trailing updates were not shared");
        var work = (double[])a.Clone();
        var fewest = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            a.CopyTo(work, 0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            LogDeterminant.LogAbsDet(work, n);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }
}
