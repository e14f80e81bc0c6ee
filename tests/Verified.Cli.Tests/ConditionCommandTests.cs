using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class ConditionCommandTests
{
    [Fact]
    public void Condition_writes_the_contract_points()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "condition.json");

        var (code, _, error) = CliRunner.Run("condition", "--cell", "vanilla-tanh", "--n", "12", "--m", "2", "4", "--horizon", "20", "--every", "10",
            "--floss-k", "2", "--floss-epochs", "5", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var points = document.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(8, points.Count); // 2 values of m × 2 horizons × flossed or not
        Assert.All(points, point =>
        {
            foreach (var field in new[] { "m", "horizon", "flossed", "log10KappaNumeric", "log10KappaEq10", "log10KappaFiniteTime", "resolved" })
            {
                Assert.True(point.TryGetProperty(field, out _), field);
            }
            Assert.True(point.GetProperty("resolved").GetBoolean());
            Assert.True(point.GetProperty("log10KappaNumeric").GetDouble() >= point.GetProperty("log10KappaFiniteTime").GetDouble() - 1e-9);
        });
        // Eq 3 beside Eq 10: per run the finite-time exponents of the widest product at each horizon, and their slopes.
        var eq3 = document.RootElement.GetProperty("eq3").EnumerateArray().ToList();
        Assert.Equal(2, eq3.Count);
        Assert.All(eq3, run =>
        {
            Assert.Equal([10, 20], run.GetProperty("horizons").EnumerateArray().Select(spectrum => spectrum.GetProperty("horizon").GetInt32()));
            Assert.All(run.GetProperty("horizons").EnumerateArray(), spectrum => Assert.Equal(4, spectrum.GetProperty("exponents").GetArrayLength()));
            Assert.Equal(4, run.GetProperty("slopes").GetArrayLength());
        });
    }

    /// <summary>--floss-lr is the learning rate of condition's flossing (3e-3 unless given): another rate gives another flossed network.</summary>
    [Fact]
    public void The_flossing_learning_rate_of_condition_is_read()
    {
        using var folder = new TemporaryFolder();
        string[] Args(string name, params string[] extra) => ["condition", "--cell", "vanilla-tanh", "--n", "8", "--m", "2", "--horizon", "10", "--every", "10",
            "--floss-k", "2", "--floss-epochs", "3", .. extra, "--json", Path.Combine(folder, name)];

        var defaults = CliRunner.Run(Args("default.json"));
        var given = CliRunner.Run(Args("given.json", "--floss-lr", "0.05"));
        var same = CliRunner.Run(Args("same.json", "--floss-lr", "3e-3"));

        Assert.True(defaults.ExitCode == 0 && given.ExitCode == 0 && same.ExitCode == 0, defaults.Error + given.Error + same.Error);
        JsonElement Flossed(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name))).RootElement.GetProperty("spectra")[1].GetProperty("exponents");
        Assert.NotEqual(Flossed("default.json").ToString(), Flossed("given.json").ToString());
        Assert.Equal(Flossed("default.json").ToString(), Flossed("same.json").ToString());
    }

    /// <summary>
    /// Graded long-term Jacobians whose columns differ by more decades than 256 bits hold once made
    /// Jacobi's norm updates α − tγ negative ("square root of a negative number"). Now every point
    /// is a κ2 that agrees with 512 bits, or says it is not resolved.
    /// </summary>
    [Theory]
    [InlineData("16", "50", "4", "50", "10")]
    [InlineData("10", "2", "5", "200", "50")]
    public void Graded_products_beyond_the_precision_give_a_resolved_kappa_or_say_not_resolved(string n, string g, string m, string horizon, string every)
    {
        using var folder = new TemporaryFolder();
        string[] Args(string bits) => ["condition", "--cell", "vanilla-tanh", "--n", n, "--g", g, "--m", m, "--horizon", horizon, "--every", every,
            "--bits", bits, "--json", Path.Combine(folder, bits + ".json")];

        var (code256, _, error256) = CliRunner.Run(Args("256"));
        var (code512, _, error512) = CliRunner.Run(Args("512"));

        Assert.True(code256 == 0, error256);
        Assert.True(code512 == 0, error512);
        var low = Points(Path.Combine(folder, "256.json"));
        var high = Points(Path.Combine(folder, "512.json"));
        foreach (var (point, reference) in low.Zip(high))
        {
            if (point.GetProperty("resolved").GetBoolean())
            {
                Assert.True(reference.GetProperty("resolved").GetBoolean());
                Assert.Equal(reference.GetProperty("log10KappaNumeric").GetDouble(), point.GetProperty("log10KappaNumeric").GetDouble(), 1e-9);
            }
        }
        Assert.Contains(low, point => !point.GetProperty("resolved").GetBoolean());
    }

    private static List<JsonElement> Points(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("points").EnumerateArray().Select(point => point.Clone())];
    }

    [Theory]
    [InlineData("condition", "--cell", "vanilla-tanh", "--n", "8", "--m", "9")]
    [InlineData("condition", "--cell", "vanilla-tanh", "--bits", "128")]
    [InlineData("condition", "--cell", "vanilla-tanh", "--horizon", "0")]
    public void Bad_options_exit_with_two(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }

    /// <summary>
    /// Every point of a long horizon is held (an object and its slot in a list, not four doubles): 2·10⁹ steps reported every 10 need more
    /// than 32 GB, which the estimate names. The limit is fixed at 8 GB, so that the refusal does not depend on the machine.
    /// </summary>
    [Fact]
    public async Task A_horizon_whose_points_cannot_be_held_is_refused_up_front_with_an_estimate_that_counts_them()
    {
        using var process = CliRunner.Start(["condition", "--cell", "vanilla-tanh", "--horizon", "2000000000"],
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x200000000" });
        var refusal = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(TimeSpan.FromSeconds(60));
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(exited, "the run was not refused");
        Assert.Equal(2, process.ExitCode);
        var error = await refusal;
        var estimate = System.Text.RegularExpressions.Regex.Match(error, @"needs at least ([0-9.]+) GB");
        Assert.True(estimate.Success, error);
        Assert.True(double.Parse(estimate.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 32, error);
    }
}
