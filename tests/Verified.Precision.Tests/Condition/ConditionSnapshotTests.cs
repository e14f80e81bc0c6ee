using Verified.Initialisation;
using Verified.Precision.Condition;
using Verified.Randomness;
using Verified.Testing;
using Xunit;

namespace Verified.Precision.Tests.Condition;

/// <summary>κ2 points of a fixed-seed run (vanilla-tanh, N = 20, g = 0.9, input-driven) locked as a snapshot, 6 significant digits.</summary>
public sealed class ConditionSnapshotTests
{
    [Fact]
    public void Kappa_points_are_unchanged()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(20));
        var theta = ParameterInitialiser.Create(layout, 0.9, new Rng(7));

        var points = ConditionRun.Measure(layout, theta, new ConditionOptions
        {
            M = [3, 10], Horizons = [10, 20, 30], SpectrumSteps = 2000, Transient = 100, Input = Verified.Lyapunov.InputKind.Gaussian, Seed = 8,
        }, flossed: false);

        GuardedSnapshot.Match(points.Select(point => new
        {
            point.M,
            point.Horizon,
            point.Resolved,
            numeric = Rounding.Significant(point.Log10KappaNumeric ?? double.NaN, 6),
            eq10 = Rounding.Significant(point.Log10KappaEq10, 6),
            finiteTime = Rounding.Significant(point.Log10KappaFiniteTime, 6),
        }).ToList(), "condition-points");
    }
}
