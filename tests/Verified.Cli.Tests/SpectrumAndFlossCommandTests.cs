using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class SpectrumAndFlossCommandTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Spectrum_writes_descending_exponents_whose_sum_matches_log_det()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "spectrum.json");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "8", "--g", "2", "--k", "8",
            "--steps", "300", "--transient", "50", "--input", "gaussian", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        var exponents = root.GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(8, exponents.Count);
        Assert.Equal(exponents.OrderByDescending(e => e), exponents);
        Assert.Equal(8, root.GetProperty("stateSize").GetInt32());
        Assert.Equal(root.GetProperty("meanLogAbsDet").GetDouble(), root.GetProperty("sumExponents").GetDouble(), 9);
    }

    [Fact]
    public void Spectrum_with_a_window_writes_the_distribution_of_finite_time_exponents()
    {
        var json = Path.Combine(_temporary.New(), "spectrum.json");

        var (code, output, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "8", "--g", "2", "--k", "3",
            "--steps", "600", "--transient", "50", "--window", "60", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("over 10 windows of 60 steps", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var windows = document.RootElement.GetProperty("windows");
        Assert.Equal(10, windows.GetProperty("count").GetInt32());
        var exponents = document.RootElement.GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(exponents, windows.GetProperty("mean").EnumerateArray().Select(e => e.GetDouble()), (x, y) => Math.Abs(x - y) < 1e-9);
        Assert.Equal(5, windows.GetProperty("quantileLevels").GetArrayLength());
        Assert.All(windows.GetProperty("quantiles").EnumerateArray(), row => Assert.Equal(5, row.GetArrayLength()));
        Assert.InRange(windows.GetProperty("fractionLeadingPositive").GetDouble(), 0, 1);
    }

    [Fact]
    public void Floss_writes_one_history_entry_per_epoch_and_lowers_the_loss()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "floss.json");

        var (code, _, error) = CliRunner.Run("floss", "--cell", "vanilla-tanh", "--n", "16", "--g", "1", "--k", "4",
            "--epochs", "60", "--steps", "100", "--lr", "1e-2", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var history = document.RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(60, history.Count);
        Assert.All(history, entry =>
        {
            Assert.Equal(4, entry.GetProperty("exponents").GetArrayLength());
            Assert.True(entry.GetProperty("seconds").GetDouble() > 0);
        });
        var first = history.Take(5).Average(entry => entry.GetProperty("loss").GetDouble());
        var last = history.TakeLast(5).Average(entry => entry.GetProperty("loss").GetDouble());
        Assert.True(last < first / 3, $"loss {first} → {last}");
    }

    [Fact]
    public void Flossing_a_collapsed_tangent_space_stops_with_an_error_naming_the_epoch()
    {
        // An autonomous ReLU network with zero bias decays to h = 0, where relu' = 0: R_11 = 0 and λ1 = −∞.
        var (code, _, error) = CliRunner.Run("floss", "--cell", "vanilla-relu", "--n", "32", "--epochs", "2", "--steps", "300", "--input", "none");

        Assert.Equal(1, code);
        Assert.Contains("flossing stopped at epoch 0", error);
        Assert.Contains("λ = -Infinity", error);
    }

    [Theory]
    [InlineData("spectrum", "--cell", "lstm", "--k", "0")]
    [InlineData("spectrum", "--cell", "lstm", "--n", "4", "--k", "9")]
    [InlineData("spectrum", "--cell", "lstm", "--input", "poisson")]
    [InlineData("spectrum")]
    [InlineData("floss", "--cell", "gru", "--epochs", "-1")]
    [InlineData("floss", "--cell", "gru", "--lr", "0")]
    public void Bad_options_exit_with_two(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
