using Verified.Cli.Reproduction;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0.5, 3.0)]
    [InlineData(0.2, 1.8)]
    [InlineData(0.8, 4.2)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 5.0)]
    public void Percentiles_interpolate_between_order_statistics_as_numpy_does(double p, double expected)
    {
        Assert.Equal(expected, Statistics.Percentile([5, 1, 4, 2, 3], p), 12);
    }

    [Fact]
    public void A_median_at_an_order_statistic_ignores_runs_counted_as_infinite()
    {
        Assert.Equal(300, Statistics.Percentile([100, 200, 300, double.PositiveInfinity, double.PositiveInfinity], 0.5));
        Assert.Equal(double.PositiveInfinity, Statistics.Percentile([100, 200, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity], 0.5));
        Assert.True(double.IsNaN(Statistics.Percentile([], 0.5)));
    }
}
