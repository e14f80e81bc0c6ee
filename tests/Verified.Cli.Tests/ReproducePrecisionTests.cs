using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>`reproduce --precision float` trains every run of a training figure in float, under ids of its own; other figures refuse it.</summary>
public sealed class ReproducePrecisionTests
{
    [Fact]
    public void A_training_figure_in_float_trains_every_run_in_float()
    {
        using var temporary = new TemporaryFolder();
        var folder = Path.Combine(temporary, "fig3-float");

        var (code, _, error) = CliRunner.Run("reproduce", "fig3", "--scale", "small", "--precision", "float", "--out", folder);

        Assert.True(code == 0, error);
        var units = Directory.GetFiles(Path.Combine(folder, "units"), "*.json");
        Assert.Equal(28, units.Length);
        Assert.All(units, unit =>
        {
            Assert.Contains("-float-", Path.GetFileName(unit));
            using var document = JsonDocument.Parse(File.ReadAllText(unit));
            Assert.Equal("float", document.RootElement.GetProperty("key").GetProperty("options").GetProperty("precision").GetString());
        });
        Assert.True(File.Exists(Path.Combine(folder, "fig3-copy.png")));
    }

    [Fact]
    public void A_figure_that_trains_nothing_refuses_a_precision()
    {
        using var temporary = new TemporaryFolder();
        var (code, _, error) = CliRunner.Run("reproduce", "fig1", "--precision", "float", "--out", Path.Combine(temporary, "never"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: --precision sets how the training figures", error);
    }
}
