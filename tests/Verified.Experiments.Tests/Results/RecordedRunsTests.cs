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
    public static TheoryData<string> Folders() => ["fig3-claims/units", "fig3-paper/units", "fig3-ablation/units", "fig4-claims/units", "fig4-paper/units", "fig4-spatial-xor-5000-epochs/units", "fig14-xor-5000-epochs/units", "fig14-claims/units", "fig7-claims/units", "fig12-claims/units", "appe-claims/units", "fig5-claims/units", "copy-long-delays/runs"];

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
