using Verified.Initialisation;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Cells;

public sealed class InitialisationTests
{
    [Fact]
    public void Recurrent_weights_have_variance_g_squared_over_N_and_inputs_unit_variance()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(200, 50));
        var theta = ParameterInitialiser.Create(layout, gain: 1.5, new Rng(3));

        var w = layout.Parameter("W");
        var v = layout.Parameter("V");
        Assert.InRange(Variance(theta.AsSpan(w.Offset, w.Length)), 0.95 * 1.5 * 1.5 / 200, 1.05 * 1.5 * 1.5 / 200);
        Assert.InRange(Variance(theta.AsSpan(v.Offset, v.Length)), 0.95, 1.05);
        Assert.All(theta.AsSpan(layout.Parameter("b").Offset, 200).ToArray(), value => Assert.Equal(0, value));
    }

    [Fact]
    public void Relu_cell_weights_are_shifted_by_the_declared_mean()
    {
        var layout = BuiltInCells.Find("vanilla-relu")!.Layout(CellDimensions.Of(200));
        var theta = ParameterInitialiser.Create(layout, gain: 1, new Rng(4));
        var w = layout.Parameter("W");

        Assert.InRange(theta.AsSpan(w.Offset, w.Length).ToArray().Average(), -0.11, -0.09);
    }

    [Fact]
    public void Orthogonal_initialisation_is_gain_times_orthogonal()
    {
        var layout = UserOscillator.Spec.Layout(CellDimensions.Of(6));
        var theta = ParameterInitialiser.Create(layout, gain: 2, new Rng(5));
        var a = theta.AsSpan(layout.Parameter("A").Offset, 36).ToArray();

        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                var dot = Enumerable.Range(0, 6).Sum(r => a[r * 6 + i] * a[r * 6 + j]);
                Assert.Equal(i == j ? 4.0 : 0.0, dot, 12);
            }
        }
    }

    [Fact]
    public void Recurrent_matrices_can_be_initialised_orthogonal_instead()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(5, 2));
        var theta = new double[layout.ParameterCount];
        ParameterInitialiser.Initialise(layout, theta, gain: 1.5, new Rng(6), Init.Orthogonal);
        var w = theta.AsSpan(layout.Parameter("W").Offset, 25).ToArray();

        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                Assert.Equal(i == j ? 2.25 : 0.0, Enumerable.Range(0, 5).Sum(r => w[r * 5 + i] * w[r * 5 + j]), 12);
            }
        }
        Assert.Contains(theta.AsSpan(layout.Parameter("V").Offset, 10).ToArray(), v => Math.Abs(v) > 0.3); // input weights stay N(0, 1)
    }

    [Fact]
    public void Same_seed_gives_same_bits()
    {
        var layout = BuiltInCells.Find("lstm")!.Layout(CellDimensions.Of(8, 2));

        Assert.Equal(ParameterInitialiser.Create(layout, 1, new Rng(7)), ParameterInitialiser.Create(layout, 1, new Rng(7)));
        Assert.NotEqual(ParameterInitialiser.Create(layout, 1, new Rng(7)), ParameterInitialiser.Create(layout, 1, new Rng(8)));
    }

    private static double Variance(ReadOnlySpan<double> values)
    {
        var array = values.ToArray();
        var mean = array.Average();
        return array.Sum(value => (value - mean) * (value - mean)) / array.Length;
    }
}
