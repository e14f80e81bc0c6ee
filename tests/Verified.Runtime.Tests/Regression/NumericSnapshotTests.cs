using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Testing;
using Xunit;

namespace Verified.Runtime.Tests.Regression;

/// <summary>
/// Fixed-seed runs locked as snapshots, rounded to 6 significant digits. The networks are
/// input-driven at g = 0.9, where the dynamics contract, so that rounding differences between
/// machines stay at rounding level instead of growing along a chaotic trajectory.
/// </summary>
public sealed class NumericSnapshotTests
{
    private const int Digits = 6;

    [Theory]
    [InlineData("vanilla-tanh")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Spectrum_is_unchanged(string cell)
    {
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(16, 2));
        var theta = ParameterInitialiser.Create(layout, 0.9, new Rng(3));

        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions { K = 6, Steps = 1000, Input = InputKind.Gaussian, Seed = 4 });

        GuardedSnapshot.Match(new
        {
            exponents = Rounding.Significant(spectrum.Exponents, Digits),
            runningAt100 = Rounding.Significant(spectrum.Running[Array.IndexOf(spectrum.RunningSteps, 100)], Digits),
            sumOfFirstSix = Rounding.Significant(spectrum.SumExponents, Digits),
        }, $"spectrum-{cell}");
    }

    [Theory]
    [InlineData("vanilla-tanh")]
    [InlineData("lstm")]
    public void Flossing_history_is_unchanged(string cell)
    {
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(16, 2));
        var theta = ParameterInitialiser.Create(layout, 0.9, new Rng(5));

        var history = Flosser.Run<double>(layout, theta, new FlossOptions
        {
            K = 2, Epochs = 10, Steps = 100, Transient = 20, LearningRate = 3e-3, Input = InputKind.Gaussian, Seed = 6,
        });

        GuardedSnapshot.Match(history.Select(epoch => new
        {
            epoch.Epoch,
            loss = Rounding.Significant(epoch.Loss, Digits),
            exponents = Rounding.Significant(epoch.Exponents, Digits),
        }).ToList(), $"flossing-history-{cell}");
    }
}
