using Verified.Experiments.Sweeps;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Entries planted where a sweep keeps its runs and claims: a link is never followed (a claim or run file that is one is
/// replaced, and its target left alone), a read stops at a size limit, and what cannot be replaced is refused in one
/// line; never a crash, a run left uncomputed or a read of /dev/zero.
/// </summary>
public sealed class OddEntryTests
{
    private static string[] Sweep(string folder) =>
        ["sweep", "--cell", "vanilla-tanh", "--n", "4", "--task", "copy", "--delays", "2", "--schedules", "none", "--seeds", "1",
         "--steps", "10", "--epochs", "2", "--out", folder, "--jobs", "1"];

    [Theory]
    [InlineData("claim: a link to a folder")]
    [InlineData("claim: a dangling link")]
    [InlineData("claim: a link to /dev/zero")]
    [InlineData("run file: a link to /dev/zero")]
    public void A_link_planted_as_a_claim_or_run_file_is_replaced_and_the_run_computed(string planted)
    {
        using var folder = new TemporaryFolder();
        using var outside = new TemporaryFolder();
        var run = Plantable(folder);
        var entry = planted.StartsWith("claim", StringComparison.Ordinal) ? Path.ChangeExtension(run, ".lock") : run;
        File.CreateSymbolicLink(entry, planted.EndsWith("folder", StringComparison.Ordinal) ? outside
            : planted.EndsWith("/dev/zero", StringComparison.Ordinal) ? "/dev/zero" : Path.Combine(outside, "absent"));

        var (code, output, error) = CliRunner.Run(Sweep(folder));
        var (merged, _, refusal) = CliRunner.Run("sweep", "--out", folder, "--merge");

        Assert.True(code == 0, output + error);
        Assert.Contains("1 runs done now", output);
        Assert.True(File.Exists(run) && new FileInfo(run).LinkTarget is null);
        Assert.False(Path.Exists(Path.ChangeExtension(run, ".lock")));
        Assert.True(merged == 0, refusal);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Theory]
    [InlineData("run file", "is a folder, where the result of a run belongs")]
    [InlineData("claim", "is a folder, not a claim of a run")]
    public void A_folder_where_a_run_file_or_claim_belongs_is_refused_in_one_line(string planted, string expected)
    {
        using var folder = new TemporaryFolder();
        var run = Plantable(folder);
        Directory.CreateDirectory(planted == "claim" ? Path.ChangeExtension(run, ".lock") : run);

        var (code, output, error) = CliRunner.Run(Sweep(folder));

        Assert.True(code == 2, output + error);
        Assert.Contains(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("a dangling link")]
    [InlineData("a link to a file")]
    public void A_runs_folder_planted_as_a_link_is_refused_in_one_line(string planted)
    {
        using var folder = new TemporaryFolder();
        using var temporary = new TemporaryFolder();
        var file = Path.Combine(temporary, "file");
        if (planted == "a link to a file")
        {
            File.WriteAllText(file, "kept");
        }
        File.CreateSymbolicLink(Path.Combine(folder, "runs"), file);

        var (code, output, error) = CliRunner.Run(Sweep(folder));

        Assert.True(code == 2, output + error);
        Assert.Contains("runs' is a symbolic link", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.True(planted != "a link to a file" || File.ReadAllText(file) == "kept");
    }

    [Fact]
    public void A_parameter_file_that_is_a_link_to_dev_zero_is_refused_as_the_empty_file_it_is()
    {
        using var temporary = new TemporaryFolder();
        var link = Path.Combine(temporary, "zero.safetensors");
        File.CreateSymbolicLink(link, "/dev/zero");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--params", link);

        Assert.Equal(2, code);
        Assert.Contains("is 0 bytes long, too short for a safetensors header", error);
    }

    /// <summary>Runs the sweep once and removes its one run file, whose path is returned: the place to plant an entry.</summary>
    private static string Plantable(string folder)
    {
        Assert.Equal(0, CliRunner.Run(Sweep(folder)).ExitCode);
        var run = Assert.Single(Directory.GetFiles(Path.Combine(folder, "runs"), "*.json"));
        File.Delete(run);
        return run;
    }
}
