using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>`verified basis`: the spread of the flossing loss and gradient over starting bases, per transient.</summary>
public sealed class BasisCommandTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Basis_writes_one_spread_per_transient_with_the_loss_of_every_basis()
    {
        var json = Path.Combine(_temporary.New(), "basis.json");

        var (code, output, error) = CliRunner.Run("basis", "--cell", "vanilla-tanh", "--n", "8", "--g", "1.5", "--k", "2", "--steps", "40",
            "--transients", "0", "100", "--samples", "4", "--input", "gaussian", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("transient    100", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var spreads = document.RootElement.GetProperty("spreads").EnumerateArray().ToList();
        Assert.Equal([0, 100], spreads.Select(spread => spread.GetProperty("transient").GetInt32()));
        Assert.All(spreads, spread => Assert.Equal(4, spread.GetProperty("losses").GetArrayLength()));
        Assert.True(spreads[1].GetProperty("gradientSpread").GetDouble() < spreads[0].GetProperty("gradientSpread").GetDouble());
    }

    [Fact]
    public void A_cell_without_parameters_is_refused_before_any_work()
    {
        // Lorenz-63 by forward Euler (README): no parameter, so no gradient whose spread could be measured (it printed NaN).
        var folder = _temporary.New();
        var file = Path.Combine(folder, "Lorenz.cs");
        File.WriteAllText(file, """
            using Verified;
            using static Verified.CellMath;
            [RecurrentCell(Name = "lorenz")]
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
            """);
        var json = Path.Combine(folder, "basis.json");

        var (code, output, error) = CliRunner.Run("basis", "--cell-file", file, "--json", json);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: cell lorenz has no parameter: the flossing gradient whose spread basis measures would be empty", error.TrimEnd());
        Assert.False(File.Exists(json));
    }
}
