using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>The reproductions added for the claims ledger, at the small scale: their numbers obey what they test, and a partial merge says what it lacks.</summary>
public sealed class ReproduceClaimsCommandTests
{
    [Fact]
    public void Fig16_exponents_from_other_initial_states_draw_together()
    {
        using var folder = new TemporaryFolder();

        var (code, output, error) = CliRunner.Run("reproduce", "fig16", "--out", folder);

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "fig16.json")));
        var spreads = json.RootElement.GetProperty("spreads").EnumerateArray().ToList();
        Assert.Equal([1, 20], spreads.Select(spread => spread.GetProperty("index").GetInt32()));
        Assert.All(spreads, spread => Assert.True(spread.GetProperty("atEnd").GetDouble() < spread.GetProperty("atStep100").GetDouble() / 3, spread.ToString()));
        Assert.True(new FileInfo(Path.Combine(folder, "fig16.png")).Length > 10_000);
        StrictJson.AssertFolder(folder);
    }

    [Fact]
    public void Appendix_j_changes_grow_with_the_condition_of_the_product()
    {
        using var folder = new TemporaryFolder();

        var (code, output, error) = CliRunner.Run("reproduce", "appj", "--out", folder);

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "appj.json")));
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().Select(row => (Tons: row.GetProperty("tons").GetInt32(), Change: row.GetProperty("maxChange").GetDouble())).ToList();
        Assert.Equal((1, 0.0), rows[0]);
        // t_ONS = 2 leaves the spectrum as it was; t_ONS = 12 (κ far past 1/ε) does not.
        Assert.True(rows[1].Change < 1e-6, rows[1].ToString());
        Assert.True(rows[^1].Change > 100 * rows[1].Change, rows[^1].ToString());
    }

    [Fact]
    public void A_partial_merge_draws_what_has_finished_and_says_how_much_is_missing()
    {
        using var folder = new TemporaryFolder();
        var (shard, _, _) = CliRunner.Run("reproduce", "fig3", "--out", folder, "--shard", "0/4");

        var (whole, _, refusal) = CliRunner.Run("reproduce", "fig3", "--out", folder, "--merge");
        var (partial, output, error) = CliRunner.Run("reproduce", "fig3", "--out", folder, "--merge", "--partial");

        Assert.Equal(0, shard);
        Assert.Equal(3, whole);
        Assert.Contains("missing", refusal);
        Assert.True(partial == 0, output + error);
        Assert.Matches(@"fig3: drawn from \d+ of 28 runs; \d+ are missing", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "fig3.json")));
        Assert.Equal(28, json.RootElement.GetProperty("runsExpected").GetInt32());
        Assert.True(json.RootElement.GetProperty("runsFinished").GetInt32() is > 0 and < 28);
    }

    [Theory]
    [InlineData("fig1", "--merge", "--partial")]
    [InlineData("fig3", "--partial")]
    public void Partial_is_refused_where_it_means_nothing(params string[] arguments)
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(Path.Combine(folder, "units"));

        var (code, output, error) = CliRunner.Run(["reproduce", .. arguments, "--out", folder]);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal("", output);
    }
}
