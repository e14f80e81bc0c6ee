using Verified.Flossing;
using Verified.Initialisation;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Flossing;

/// <summary>The flossing loss and gradient from several random Q_0: spread at no transient, shrinking as the transient relaxes Q.</summary>
public sealed class BasisSensitivityTests
{
    [Fact]
    public void The_spread_over_starting_bases_shrinks_with_the_transient()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(16));
        var theta = ParameterInitialiser.Create(layout, 1.5, new Rng(3));

        var spreads = BasisSensitivity.Measure(layout, theta, new FlossOptions { K = 3, Steps = 60, Input = Verified.Lyapunov.InputKind.Gaussian, Seed = 4 },
            [0, 20, 200], samples: 6);

        Assert.Equal([0, 20, 200], spreads.Select(spread => spread.Transient));
        Assert.All(spreads, spread => Assert.Equal(6, spread.Losses.Length));
        var (none, some, long_) = (spreads[0], spreads[1], spreads[2]);
        Assert.True(none.LossSpread > 0.01 * none.LossMean, $"no transient: loss {none.LossMean} ± {none.LossSpread}");
        Assert.True(some.GradientSpread < none.GradientSpread && long_.GradientSpread < some.GradientSpread / 100,
            $"gradient spread {none.GradientSpread}, {some.GradientSpread}, {long_.GradientSpread} at transients 0, 20, 200");
        Assert.True(long_.LossSpread < none.LossSpread / 100, $"loss spread {none.LossSpread} → {long_.LossSpread}");
    }
}
