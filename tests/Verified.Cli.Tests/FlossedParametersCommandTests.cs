using Verified.Initialisation;
using Verified.Storage;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// What flossing updates: floss, condition, train and basis refuse a cell with nothing to floss (exit 2,
/// one line, before any work), a [TimeStep] is flossed only when --floss-parameters names it, and
/// floss updates only the parameters --floss-parameters names.
/// </summary>
public sealed class FlossedParametersCommandTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    private const string Lorenz = """
        using Verified;
        [RecurrentCell(Name = "lorenz-test")]
        public partial class Lorenz
        {
            [TimeStep] public const double Dt = 0.01;
            [State(1)] public Vec x;
            [State(1)] public Vec y;
            [State(1)] public Vec z;
            [Update(nameof(x))] public Vec xNext => x + Dt * 10.0 * (y - x);
            [Update(nameof(y))] public Vec yNext => y + Dt * (x * (28.0 - z) - y);
            [Update(nameof(z))] public Vec zNext => z + Dt * (x * y - 8.0 / 3.0 * z);
        }
        """;

    private const string Decay = """
        using Verified;
        [RecurrentCell(Name = "decay-test")]
        public partial class Decay
        {
            [Parameter, TimeStep] public Scalar dt = 0.1;
            [State(2)] public Vec u;
            [Update(nameof(u))] public Vec uNext => u - dt * u * u * u;
        }
        """;

    [Theory]
    [InlineData("floss")]
    [InlineData("condition", "--m", "2", "--floss-k", "1")]
    public void A_cell_without_parameters_is_not_flossed(string command, params string[] more)
    {
        var file = CliRunner.CellFile(_temporary.Folder(), Lorenz, "lorenz.cs");

        var (code, output, error) = CliRunner.Run([command, "--cell-file", file, .. more]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: cell lorenz-test has no parameter to floss", error.TrimEnd());
    }

    [Fact]
    public void Basis_sensitivity_of_a_cell_without_parameters_is_refused_before_any_work()
    {
        // No parameter, so no gradient whose spread could be measured (it printed NaN).
        var file = CliRunner.CellFile(_temporary.Folder(), Lorenz, "lorenz.cs");
        var json = Path.Combine(_temporary.New(), "basis.json");

        var (code, output, error) = CliRunner.Run("basis", "--cell-file", file, "--json", json);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: cell lorenz-test has no parameter: the flossing gradient whose spread basis measures would be empty", error.TrimEnd());
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void A_time_step_is_flossed_only_when_named()
    {
        var file = CliRunner.CellFile(_temporary.Folder(), Decay, "decay.cs");
        var saved = Path.Combine(_temporary.New(), "flossed.safetensors");

        var (refused, refusedOutput, refusal) = CliRunner.Run("floss", "--cell-file", file);
        var (code, _, error) = CliRunner.Run("floss", "--cell-file", file, "--floss-parameters", "dt", "--epochs", "5", "--steps", "40", "--lr", "0.01", "--save-params", saved);

        Assert.Equal(2, refused);
        Assert.Equal("", refusedOutput);
        Assert.Equal("error: cell decay-test has no parameter to floss but its time step 'dt', which is flossed only when named", refusal.TrimEnd());
        Assert.True(code == 0, error);
        Assert.NotEqual(0.1, ParameterFile.Load(saved, CliRunner.CompiledLayout(Decay), out _)[0]);
    }

    [Fact]
    public void Floss_updates_only_the_parameters_named()
    {
        var folder = _temporary.New();
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(6));
        var drawn = ParameterInitialiser.Create(layout, 1.0, new Verified.Randomness.Rng(1));
        double[] Flossed(string name, params string[] named)
        {
            var file = Path.Combine(folder, name);
            var (code, _, error) = CliRunner.Run(["floss", "--cell", "vanilla-tanh", "--n", "6", "--k", "2", "--epochs", "3", "--steps", "40", "--input", "gaussian", "--save-params", file, .. named]);
            Assert.True(code == 0, error);
            return ParameterFile.Load(file, layout, out _);
        }

        var onlyW = Flossed("w.safetensors", "--floss-parameters", "W");
        var every = Flossed("all.safetensors");

        foreach (var parameter in layout.Parameters)
        {
            var range = parameter.Offset..(parameter.Offset + parameter.Length);
            Assert.Equal(parameter.Name == "W", !drawn[range].SequenceEqual(onlyW[range]));
            Assert.False(drawn[range].SequenceEqual(every[range]), $"{parameter.Name} not flossed by default");
        }
    }

    [Fact]
    public void Floss_refuses_a_name_the_cell_lacks()
    {
        var (code, output, error) = CliRunner.Run("floss", "--cell", "vanilla-tanh", "--floss-parameters", "Q");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: cell vanilla-tanh has no parameter 'Q' to floss (it has W, V, b)", error.TrimEnd());
    }
}
