using Verified.Checks;
using Verified.Dense;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Flossing;

/// <summary>
/// The whole flossing gradient against central differences of the loss (N=8, k=3, T_f=30, transient 5,
/// which t_ONS = 3 and 4 do not divide; for the rate cell, through Δt as a divisor of λ too).
/// </summary>
public sealed class FlossingGradientTests
{
    private const int K = 3, Steps = 30, Transient = 5;

    [Theory]
    [InlineData("vanilla-tanh", 1)]
    [InlineData("lstm", 1)]
    [InlineData("gru", 1)]
    [InlineData("rate", 1)]
    [InlineData("vanilla-tanh", 3)]
    [InlineData("lstm", 4)]
    [InlineData("rate", 3)]
    public void Gradient_matches_finite_differences_of_the_loss(string cell, int orthonormaliseEvery)
    {
        var check = FlossingGradientCheck.Run(BuiltInCells.Find(cell)!, n: 8, k: K, steps: Steps, transient: Transient, orthonormaliseEvery: orthonormaliseEvery);

        Assert.True(check.MaxRelError <= 1e-6, $"{check.Name}: {check.MaxRelError:E2}");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(1)]
    public void Checkpointing_gives_the_same_gradient_with_less_memory(int every)
    {
        var (layout, theta, h0, q0, inputs) = Point("lstm");
        var full = new FlossingProblem<double>(layout, new FlossingHorizon(K, Steps, Transient, 1, 0));
        var checkpointed = new FlossingProblem<double>(layout, new FlossingHorizon(K, Steps, Transient, 1, 0) { CheckpointEvery = every });
        var expected = new double[theta.Length];
        var actual = new double[theta.Length];

        var (lossFull, _) = full.LossAndGradient(theta, h0, q0, inputs, expected);
        var (lossCheckpointed, _) = checkpointed.LossAndGradient(theta, h0, q0, inputs, actual);

        Assert.Equal(lossFull, lossCheckpointed);
        Assert.Equal(expected, actual);
        Assert.True(checkpointed.StoredElements < full.StoredElements);
    }

    [Fact]
    public void Float_gradient_follows_the_double_one()
    {
        var (layout, theta, h0, q0, inputs) = Point("vanilla-tanh");
        var horizon = new FlossingHorizon(K, Steps, Transient, 1, 0);
        var expected = new double[theta.Length];
        new FlossingProblem<double>(layout, horizon).LossAndGradient(theta, h0, q0, inputs, expected);
        float[] F(double[] values) => Array.ConvertAll(values, value => (float)value);
        var actual = new float[theta.Length];

        new FlossingProblem<float>(layout, horizon).LossAndGradient(F(theta), F(h0), F(q0), F(inputs), actual);

        Assert.True(Compare.RelativeError(actual, expected) <= 1e-3, $"{Compare.RelativeError(actual, expected):E2}");
    }

    private static (CellLayout Layout, double[] Theta, double[] H0, double[] Q0, double[] Inputs) Point(string cell)
    {
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(8, 2));
        var rng = new Rng(11);
        var theta = ParameterInitialiser.Create(layout, gain: 1.5, rng);
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.05 * rng.NextGaussian();
        }
        var (h0, q0, inputs) = FlossingStart.Random(layout, K, Steps, rng);
        return (layout, theta, h0, q0, inputs);
    }
}
