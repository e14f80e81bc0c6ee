using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;
using Verified.Storage;
using Verified.Training;
using Xunit;

namespace Verified.Experiments.Tests.Results;

/// <summary>
/// The runs committed under docs/recorded-runs stay readable, each one's options still give
/// its file's id, and each holds numerical version 1's numbers (those that record no version are
/// version 1's): a change to how results or keys are written must not orphan them.
/// </summary>
public sealed class RecordedRunsTests
{
    public static TheoryData<string> Folders() => [.. TrainingRunFolders()];

    /// <summary>Every folder of docs/recorded-runs whose files are training runs (a key with training options), found rather than listed, so that none is forgotten.</summary>
    private static IEnumerable<string> TrainingRunFolders()
    {
        var root = Path.Combine(Repository.Root, "docs", "recorded-runs");
        return Directory.GetDirectories(root)
            .SelectMany(figure => new[] { "units", "runs" }.Select(sub => Path.Combine(figure, sub)))
            .Where(folder => Directory.Exists(folder) && Directory.GetFiles(folder, "*.json").FirstOrDefault() is { } first
                && File.ReadAllText(first).Contains("\"task\":", StringComparison.Ordinal))
            .Select(folder => Path.GetRelativePath(root, folder).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    [Fact]
    public void The_training_run_folders_are_found()
    {
        var folders = TrainingRunFolders().ToList();

        // The ones every figure of the ledger's training rows draws on, and none of the flossing or spectrum figures.
        Assert.Superset(new HashSet<string> { "fig3-paper/units", "fig4-paper/units", "fig8-claims/units", "copy-long-delays/runs" }, folders.ToHashSet());
        Assert.DoesNotContain("fig1-paper/units", folders);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_recorded_run_reads_and_keeps_its_id(string folder)
    {
        var path = Path.Combine(Repository.Root, "docs", "recorded-runs", folder);
        var warnings = new List<string>();

        var runs = new ResultStore(path, warnings.Add).ReadAll<TrainingRun, TrainingOutcome>(run => run.Id);

        Assert.Empty(warnings);
        Assert.Equal(Directory.GetFiles(path, "*.json").Length, runs.Count);
        Assert.All(runs, run => Assert.NotEmpty(run.Result.History));
        // Recorded before builds and numerical versions were written, or by a build of this numerical version: version 1's numbers.
        Assert.All(runs, run => Assert.Equal(NumericalVersion.OfUnrecorded, run.Origin.NumericalVersion));
    }
}
