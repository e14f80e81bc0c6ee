using Verified.Initialisation;
using Verified.Randomness;
using Verified.Runtime.Tests.Cells.Torch;
using Verified.Storage;
using Xunit;

namespace Verified.Runtime.Tests.Cells;

/// <summary>
/// The built-in torch-* cells against PyTorch's own numbers (Cells/Torch/make_fixtures.py): the
/// module's state_dict loads by name unchanged, and Step and the Jacobian agree with torch to 1e-12.
/// </summary>
public sealed class TorchCellTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Cells() => new() { "torch-rnn", "torch-lstm", "torch-gru" };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Steps_match_torch(string cell)
    {
        var fixture = TorchFixture.Load(cell);
        var layout = fixture.Layout;
        var kernels = layout.Spec.CreateKernels<double>(layout);
        var theta = fixture.Theta(layout);
        var state = fixture.InitialState.ToArray();
        var next = new double[layout.StateSize];

        Assert.Equal(fixture.Inputs.Length, fixture.States.Length);
        for (var t = 0; t < fixture.Inputs.Length; t++)
        {
            kernels.Step(theta, state, fixture.Inputs[t], next);
            Assert.True(MaxDifference(next, fixture.States[t]) <= Tolerance, $"{cell}, step {t + 1}: |Step − torch| = {MaxDifference(next, fixture.States[t]):E2}");
            next.CopyTo(state, 0);
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Jacobian_matches_torch(string cell)
    {
        var fixture = TorchFixture.Load(cell);
        var layout = fixture.Layout;
        var kernels = layout.Spec.CreateKernels<double>(layout);
        var n = layout.StateSize;
        var jacobian = new double[n * n];

        kernels.Jacobian(fixture.Theta(layout), fixture.InitialState, fixture.Inputs[0], jacobian);

        Assert.Equal(n, fixture.Jacobian.Length);
        var expected = fixture.Jacobian.SelectMany(row => row).ToArray();
        Assert.True(MaxDifference(jacobian, expected) <= Tolerance, $"{cell}: |Jacobian − torch| = {MaxDifference(jacobian, expected):E2}");
    }

    /// <summary>The fixtures can fail: with two of PyTorch's gates swapped in every stacked parameter, the first step is far from torch's.</summary>
    [Theory]
    [InlineData("torch-lstm", 4)]
    [InlineData("torch-gru", 3)]
    public void Swapped_gates_do_not_match_torch(string cell, int gates)
    {
        var fixture = TorchFixture.Load(cell);
        var layout = fixture.Layout;
        var theta = fixture.Theta(layout);
        foreach (var parameter in layout.Parameters)
        {
            var block = parameter.Length / gates;
            var values = theta.AsSpan(parameter.Offset, parameter.Length);
            var first = values[..block].ToArray();
            values.Slice(block, block).CopyTo(values);
            first.CopyTo(values.Slice(block, block));
        }
        var next = new double[layout.StateSize];

        layout.Spec.CreateKernels<double>(layout).Step(theta, fixture.InitialState, fixture.Inputs[0], next);

        Assert.True(MaxDifference(next, fixture.States[0]) > 1e-3, $"{cell}: swapping gates moved the step by only {MaxDifference(next, fixture.States[0]):E2}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Parameters_have_torch_names_and_stacked_shapes(string cell)
    {
        var gates = cell switch { "torch-lstm" => 4, "torch-gru" => 3, _ => 1 };
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(5, 3));

        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], layout.Parameters.Select(parameter => parameter.Name));
        Assert.Equal([(gates * 5, 3), (gates * 5, 5), (gates * 5, 1), (gates * 5, 1)], layout.Parameters.Select(parameter => (parameter.Rows, parameter.Columns)));
        Assert.Equal(cell == "torch-lstm" ? 10 : 5, layout.StateSize);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_state_dict_gives_the_cell_s_dimensions_through_its_stacked_shapes(string cell)
    {
        var fixture = TorchFixture.Load(cell);

        var dimensions = ParameterFile.DimensionsIn(fixture.ParameterPath, BuiltInCells.Find(cell)!);

        Assert.Equal(new Dictionary<string, int> { ["I"] = fixture.InputSize, ["N"] = fixture.N }, dimensions.OrderBy(entry => entry.Key));
    }

    [Fact]
    public void A_stacked_tensor_that_is_not_a_multiple_of_its_gates_is_refused_naming_it()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("stacked.safetensors");
        SafeTensors.Write(path, [new SafeTensor("weight_hh_l0", "F64", [21, 5], new double[105])], new Dictionary<string, string>());

        var error = Assert.Throws<ParameterFileException>(() => ParameterFile.DimensionsIn(path, BuiltInCells.Find("torch-lstm")!));

        Assert.Contains("'weight_hh_l0'", error.Message);
        Assert.Contains("4*N", error.Message);
    }

    /// <summary>PyTorch's initialisation: every parameter U(−1/√N, 1/√N), scaled by the gain g.</summary>
    [Theory]
    [InlineData("torch-lstm", 1.0)]
    [InlineData("torch-gru", 2.0)]
    public void Initialisation_is_uniform_within_one_over_root_N_times_g(string cell, double gain)
    {
        const int N = 100;
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(N, 3));
        var theta = ParameterInitialiser.Create(layout, gain, new Rng(11));
        var bound = gain / Math.Sqrt(N);

        foreach (var parameter in layout.Parameters)
        {
            var values = theta.AsSpan(parameter.Offset, parameter.Length).ToArray();
            Assert.All(values, value => Assert.InRange(value, -bound, bound));
            // U(−b, b): mean 0 and variance b²/3, within a few standard errors at 300 to 40,000 draws.
            Assert.InRange(values.Average(), -0.25 * bound, 0.25 * bound);
            Assert.InRange(values.Select(value => value * value).Average(), 0.8 * bound * bound / 3, 1.2 * bound * bound / 3);
        }
    }

    private static double MaxDifference(double[] actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        return actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
    }
}
