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
}
