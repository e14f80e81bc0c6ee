using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>The running estimate is recorded every RecordInterval steps, and a spectrum's memory does not grow with its length.</summary>
public sealed class RunningEstimateTests
{
    private static readonly CellLayout Layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(3));
    private static readonly double[] Theta = ParameterInitialiser.Create(Layout, 0.9, new Rng(2));

    private static SpectrumResult Run(int steps, int? recordEvery = null, int orthonormaliseEvery = 1) => LyapunovSpectrum.Compute(Layout, Theta, new SpectrumOptions
    {
        K = 2, Steps = steps, Transient = 10, QTransient = 10, OrthonormaliseEvery = orthonormaliseEvery, Input = InputKind.Gaussian, Seed = 3, TrackLogDet = false, RecordEvery = recordEvery,
    });

    [Fact]
    public void By_default_a_few_hundred_points_are_recorded_whatever_the_length()
    {
        var spectrum = Run(100_000);

        Assert.Equal(SpectrumOptions.RunningPoints, spectrum.Running.Length);
        Assert.Equal(Enumerable.Range(1, SpectrumOptions.RunningPoints).Select(i => i * 400), spectrum.RunningSteps);
        Assert.Equal(spectrum.Exponents, spectrum.Running[^1]);
    }

    [Theory]
    [InlineData(1000, 7, 1)]
    [InlineData(1000, 12, 5)]
    [InlineData(50, 1, 1)]
    public void A_point_is_recorded_every_interval_and_at_the_end(int steps, int every, int orthonormaliseEvery)
    {
        var spectrum = Run(steps, every, orthonormaliseEvery);

        // At the first re-orthonormalisation at or after each multiple of the interval, and at the last step.
        var expected = Enumerable.Range(1, steps).Where(s => s % orthonormaliseEvery == 0 || s == steps).Aggregate(new List<int>(), (points, s) =>
        {
            if (s >= (points.Count == 0 ? every : (points[^1] / every + 1) * every) || s == steps)
            {
                points.Add(s);
            }
            return points;
        });
        Assert.Equal(expected, spectrum.RunningSteps);
        Assert.Equal(spectrum.RunningSteps.Length, spectrum.Running.Length);
        Assert.Equal(steps, spectrum.RunningSteps[^1]);
    }

    [Fact]
    public void The_same_inputs_and_exponents_whatever_the_record_interval()
    {
        Assert.Equal(Run(3000, 1).Exponents, Run(3000, 500).Exponents);
    }

    /// <summary>Ten times the steps may not allocate more: the inputs are drawn step by step and the running estimate has a fixed number of points.</summary>
    [Fact]
    public void Memory_does_not_grow_with_the_number_of_steps()
    {
        Run(1000);
        long Allocated(int steps)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(steps);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var short_ = Allocated(20_000);
        var long_ = Allocated(200_000);

        Assert.True(long_ - short_ < 64 * 1024, $"{short_:N0} bytes for 20,000 steps, {long_:N0} for 200,000");
    }
}
