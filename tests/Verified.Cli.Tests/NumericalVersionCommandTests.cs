using System.Text.Json.Nodes;
using Verified.Experiments.Results;
using Verified.Storage;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Recorded units and the numerical version (README, "Numerical version"): the units committed under docs/recorded-runs,
/// which record no version, are version 1's, keep their ids and are reused, never computed again; a unit of another
/// numerical version is left out (or computed again) unless --keep-other-numerical-versions keeps it; and the merged
/// figure's JSON and claims.md list the builds and numerical versions its units came from.
/// </summary>
public sealed class NumericalVersionCommandTests
{
    private const string Recorded = "docs/recorded-runs/fig1-paper/units";

    [Fact]
    public void Committed_units_are_version_1_and_reused_under_their_ids()
    {
        using var folder = new TemporaryFolder();
        var units = CopyUnits(folder);
        var before = units.ToDictionary(path => path, File.ReadAllText);

        var (code, output, error) = CliRunner.Run("reproduce", "fig1", "--scale", "paper", "--out", folder, "--jobs", "1");

        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.Contains($"resuming fig1: {units.Count} of {units.Count} runs already done", output);
        Assert.All(units, path => Assert.Equal(before[path], File.ReadAllText(path)));
        Assert.Contains($"- numerical version 1, build not recorded: {units.Count} runs", File.ReadAllText(folder.File("claims.md")));
        var listed = Assert.Single(JsonNode.Parse(File.ReadAllText(folder.File("fig1.json")))!["units"]!.AsArray());
        Assert.Equal((ResultOrigin.UnrecordedBuild, 1, units.Count), (listed!["build"]!.GetValue<string>(), listed["numericalVersion"]!.GetValue<int>(), listed["results"]!.GetValue<int>()));
    }

    [Fact]
    public void A_unit_of_another_numerical_version_is_left_out_unless_kept_and_the_figure_says_where_its_units_came_from()
    {
        using var folder = new TemporaryFolder();
        var units = CopyUnits(folder);
        var unit = JsonNode.Parse(File.ReadAllText(units[0]))!;
        unit["numericalVersion"] = NumericalVersion.Current + 1;
        unit["build"] = "0.2.0-ci.9+0123456789.abcdef";
        File.WriteAllText(units[0], unit.ToJsonString());

        var (refused, _, warning) = CliRunner.Run("reproduce", "fig1", "--scale", "paper", "--out", folder, "--merge");
        var (kept, _, error) = CliRunner.Run("reproduce", "fig1", "--scale", "paper", "--out", folder, "--merge", "--keep-other-numerical-versions");

        Assert.Equal(3, refused);
        Assert.Contains($"'units/{Path.GetFileName(units[0])}' holds numbers of numerical version {NumericalVersion.Current + 1}, not this build's {NumericalVersion.Current}; it is left out", warning);
        Assert.True(kept == 0, error);
        var claims = File.ReadAllText(folder.File("claims.md"));
        Assert.Contains($"- numerical version 1, build not recorded: {units.Count - 1} runs", claims);
        Assert.Contains($"- numerical version {NumericalVersion.Current + 1}, build `0.2.0-ci.9+0123456789.abcdef`: 1 runs", claims);
    }

    [Fact]
    public void A_unit_computed_now_records_this_build_and_numerical_version()
    {
        using var folder = new TemporaryFolder();

        var (code, _, error) = CliRunner.Run("reproduce", "fig16", "--scale", "small", "--out", folder, "--jobs", "1");

        Assert.True(code == 0, error);
        var unit = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(folder.File("units"), "*.json")[0]))!;
        Assert.Equal(Verified.Cli.Output.CliBuild.Origin.Build, unit["build"]!.GetValue<string>());
        Assert.Equal(NumericalVersion.Current, unit["numericalVersion"]!.GetValue<int>());
        Assert.StartsWith(BuildIdentity.Version, unit["build"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The committed units of Fig 1 at the paper scale, copied into <paramref name="folder"/>/units; their paths there.</summary>
    private static List<string> CopyUnits(TemporaryFolder folder)
    {
        Directory.CreateDirectory(folder.File("units"));
        return [.. Directory.GetFiles(Repository.File(Recorded), "*.json").Order(StringComparer.Ordinal)
            .Select(path => { var copy = folder.File(Path.Combine("units", Path.GetFileName(path))); File.Copy(path, copy); return copy; })];
    }
}
