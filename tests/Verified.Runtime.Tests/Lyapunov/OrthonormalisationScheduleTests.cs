using Verified.Checks;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>
/// Re-orthonormalising every t_ONS steps gives the exponents of re-orthonormalising every step
/// (diag of a product of triangular factors is the product of their diagonals), also when a
/// transient is not a multiple of t_ONS: the counted R factors cover exactly the counted steps.
/// </summary>
public sealed class OrthonormalisationScheduleTests
{
    [Fact]
    public void A_qr_falls_on_the_end_of_the_transient_and_after_the_last_step()
    {
        var schedule = new OrthonormalisationSchedule(steps: 12, transient: 5, orthonormaliseEvery: 3);

        Assert.Equal([1, 4, 7, 10, 11], Enumerable.Range(0, 12).Where(schedule.FactorsAfter));
        Assert.Equal(7, schedule.CountedSteps);
        Assert.False(schedule.Counts(4));
        Assert.True(schedule.Counts(7));
        Assert.Equal(3, schedule.CountedThrough(7));
    }

    [Theory]
    [InlineData(3, 7, 5)]
    [InlineData(4, 3, 6)]
    [InlineData(7, 0, 5)]
    public void Spectrum_with_a_longer_t_ons_equals_the_every_step_reference(int orthonormaliseEvery, int transient, int qTransient)
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(8, 2));
        var theta = ParameterInitialiser.Create(layout, 1.8, new Rng(4));
        var options = new SpectrumOptions { K = 4, Steps = 40, Transient = transient, QTransient = qTransient, Input = InputKind.Gaussian, Seed = 9 };

        var reference = LyapunovSpectrum.Compute(layout, theta, options with { OrthonormaliseEvery = 1 });
        var spaced = LyapunovSpectrum.Compute(layout, theta, options with { OrthonormaliseEvery = orthonormaliseEvery });

        Assert.Equal(40, spaced.AccumulatedSteps);
        Assert.True(Compare.RelativeError(spaced.Exponents, reference.Exponents) <= 1e-12,
            $"t_ONS = {orthonormaliseEvery}: {string.Join(", ", spaced.Exponents)} against {string.Join(", ", reference.Exponents)}");
        Assert.True(Compare.RelativeError(spaced.MeanLogAbsDet!.Value, reference.MeanLogAbsDet!.Value) <= 1e-12);
    }

    [Theory]
    [InlineData("vanilla-tanh", 3, 5)]
    [InlineData("lstm", 4, 6)]
    [InlineData("rate", 3, 7)]
    public void Flossing_with_a_longer_t_ons_equals_the_every_step_reference(string cell, int orthonormaliseEvery, int transient)
    {
        const int K = 3, Steps = 30;
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(8, 2));
        var rng = new Rng(11);
        var theta = ParameterInitialiser.Create(layout, gain: 1.5, rng);
        var (h0, q0, inputs) = FlossingStart.Random(layout, K, Steps, rng);
        var referenceGradient = new double[theta.Length];
        var spacedGradient = new double[theta.Length];

        var reference = new FlossingProblem<double>(layout, new FlossingHorizon(K, Steps, transient, 1, Target: 0.1))
            .LossAndGradient(theta, h0, q0, inputs, referenceGradient);
        var spaced = new FlossingProblem<double>(layout, new FlossingHorizon(K, Steps, transient, orthonormaliseEvery, Target: 0.1))
            .LossAndGradient(theta, h0, q0, inputs, spacedGradient);

        Assert.True(Compare.RelativeError(spaced.Exponents, reference.Exponents) <= 1e-12,
            $"t_ONS = {orthonormaliseEvery}: {string.Join(", ", spaced.Exponents)} against {string.Join(", ", reference.Exponents)}");
        Assert.True(Compare.RelativeError(spaced.Loss, reference.Loss) <= 1e-12, $"loss {spaced.Loss} against {reference.Loss}");
        Assert.True(Compare.RelativeError(spacedGradient, referenceGradient) <= 1e-9, $"{Compare.RelativeError(spacedGradient, referenceGradient):E2}");
    }
}
