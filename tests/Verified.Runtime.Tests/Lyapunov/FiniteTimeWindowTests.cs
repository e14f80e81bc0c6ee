using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>Finite-time exponents over windows of W steps: they average to the run's exponents, and their spread shrinks as W grows.</summary>
public sealed class FiniteTimeWindowTests
{
    private static readonly CellLayout Layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(20));
    private static readonly double[] Theta = ParameterInitialiser.Create(Layout, 2.0, new Rng(7));

    private static SpectrumResult Run(int window, int orthonormaliseEvery = 1) => LyapunovSpectrum.Compute(Layout, Theta, new SpectrumOptions
    {
        K = 4, Steps = 4000, Transient = 200, QTransient = 200, OrthonormaliseEvery = orthonormaliseEvery, Seed = 2, Window = window, TrackLogDet = false,
    });

    [Theory]
    [InlineData(50, 1)]
    [InlineData(200, 5)]
    public void Windows_average_to_the_exponents_of_the_run(int window, int orthonormaliseEvery)
    {
        var spectrum = Run(window, orthonormaliseEvery);
        var windows = spectrum.Windows!;

        Assert.Equal(4000 / window, windows.Count);
        Assert.Equal(spectrum.Exponents, windows.Mean, (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.All(windows.Quantiles, quantiles => Assert.Equal(quantiles.Order(), quantiles));
        Assert.InRange(windows.FractionLeadingPositive, 0, 1);
    }

    [Fact]
    public void The_spread_of_finite_time_exponents_shrinks_as_the_window_grows()
    {
        var short_ = Run(10).Windows!;
        var long_ = Run(400).Windows!;

        Assert.All(Enumerable.Range(0, 4), i => Assert.True(long_.StandardDeviation[i] < short_.StandardDeviation[i] / 2,
            $"λ{i + 1}: spread {short_.StandardDeviation[i]} over 10 steps, {long_.StandardDeviation[i]} over 400"));
    }

    [Fact]
    public void A_window_that_is_no_multiple_of_tons_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(12, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(4001));
    }
}
