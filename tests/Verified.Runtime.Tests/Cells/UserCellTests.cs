using Verified.Checks;
using Verified.Initialisation;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Cells;

public sealed class UserCellTests
{
    [Fact]
    public void User_cell_passes_every_check()
    {
        var results = new DerivativeChecks(UserOscillator.Spec, new DerivativeCheckOptions()).Run();

        Assert.All(results, result => Assert.True(result.Passed, $"{result.Name}: {result.MaxRelError:E2}"));
    }

    [Fact]
    public void Blocks_pass_every_check_wherever_they_stand() => PassesEveryCheckAtTwoSizes(UserBlocks.Spec, seed: 5);

    [Fact]
    public void Sums_pass_every_check_whichever_terms_share_their_adjoint() => PassesEveryCheckAtTwoSizes(UserSums.Spec, seed: 7);

    /// <summary>All 16 derivative checks at the default sizes and at small odd ones (N = 3, I = 2, k = 4, batch 3).</summary>
    private static void PassesEveryCheckAtTwoSizes(CellSpec spec, ulong seed)
    {
        foreach (var options in new[] { new DerivativeCheckOptions(), new DerivativeCheckOptions { N = 3, InputSize = 2, K = 4, Batch = 3, Seed = seed } })
        {
            var results = new DerivativeChecks(spec, options).Run();

            Assert.Equal(16, results.Count);
            Assert.All(results, result => Assert.True(result.Passed, $"{result.Name}: {result.MaxRelError:E2}"));
        }
    }

    [Fact]
    public void Multiplied_sizes_resolve_to_the_multiple()
    {
        var layout = UserBlocks.Spec.Layout(CellDimensions.Of(3, 2));

        Assert.Equal(2 * 3 + 6 + 3, layout.StateSize);
        Assert.Equal(4, layout.InputSize);
        Assert.Equal((12, 6), (layout.Parameter("W").Rows, layout.Parameter("W").Columns));
        Assert.Equal((6, 2), (layout.Parameter("U").Rows, layout.Parameter("U").Columns));
        Assert.Equal("4*N", layout.Parameter("W").Spec.Rows.ToString());
        Assert.Equal(CellSize.Multiple(4, "N"), layout.Parameter("b").Spec.Rows);
    }

    [Fact]
    public void A_block_is_the_indexed_run_of_elements_in_every_column()
    {
        var layout = BlockPicker.Spec.Layout(CellDimensions.Of(1));
        var kernels = BlockPicker.Spec.CreateKernels<double>(layout);
        double[] c = [1, 2, 3, 4, 5, 6];
        // Two sequences, feature-major: element i of sequence j at 2i + j.
        double[] x = [10, 20, 11, 21, 12, 22, 13, 23, 14, 24, 15, 25];
        var next = new double[4];

        kernels.Step(c, new double[4], x, next, batch: 2);

        // Block(x, 2, 3) is x[4..6), Block(c, 1, 3) is c[2..4).
        Assert.Equal([14 + 3, 24 + 3, 15 + 4, 25 + 4], next);
    }

    [Fact]
    public void User_cell_layout_follows_its_declaration()
    {
        var layout = UserOscillator.Spec.Layout(CellDimensions.Of(4));

        Assert.Equal(8, layout.StateSize);
        Assert.Equal(0, layout.InputSize);
        Assert.Equal(["A", "c", "omega"], layout.Parameters.Select(p => p.Name));
        Assert.Equal([0, 16, 20], layout.Parameters.Select(p => p.Offset));
        Assert.Equal(21, layout.ParameterCount);
        Assert.Equal(Init.Orthogonal, layout.Parameter("A").Spec.Init.Kind);
        Assert.Equal(0.3, layout.Parameter("omega").Spec.Init.Value);
    }

    [Fact]
    public void Cell_without_input_takes_input_size_zero()
    {
        var layout = UserOscillator.Spec.Layout(CellDimensions.Of(4, 0));
        var kernels = UserOscillator.Spec.CreateKernels<double>(layout);
        var theta = ParameterInitialiser.Create(layout, gain: 1.0, new Rng(1));
        var next = new double[layout.StateSize];

        kernels.Step(theta, new double[layout.StateSize], [], next);

        Assert.Equal(0, layout.InputSize);
        Assert.All(next, value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void Cell_with_input_refuses_input_size_zero()
    {
        var error = Assert.Throws<ArgumentException>(() => BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(4, 0)));

        Assert.Contains("dimension I", error.Message);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(4, -1)]
    public void Dimensions_refuse_a_nonpositive_size_or_a_negative_input(int n, int inputSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CellDimensions.Of(n, inputSize));

    [Fact]
    public void Logistic_map_steps_as_declared()
    {
        var layout = LogisticMap.Spec.Layout(CellDimensions.Of(1));
        var kernels = LogisticMap.Spec.CreateKernels<double>(layout);
        var next = new double[1];

        kernels.Step([4.0], [0.3], [], next);

        Assert.Equal(4.0 * 0.3 * 0.7, next[0], 15);
    }
}
