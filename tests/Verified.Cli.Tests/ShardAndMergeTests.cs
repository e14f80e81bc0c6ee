using Verified.Cli.Reproduction;
using Verified.Experiments.Execution;
using Verified.Experiments.Results;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>What a batch scheduler relies on: shards that cover a figure once, merges that refuse while runs are missing, claims that a requeued task takes back.</summary>
public sealed class ShardAndMergeTests
{
    [Fact]
    public void The_shards_of_every_figure_cover_each_of_its_runs_exactly_once_for_every_shard_count_up_to_16()
    {
        foreach (var figure in Reproducer.Figures())
        {
            foreach (var scale in figure.Scales)
            {
                var ids = figure.Runs(scale).Select(run => run.Id).ToList();
                Assert.Equal(ids.Count, ids.Distinct().Count());
                for (var count = 1; count <= 16; count++)
                {
                    var covered = Enumerable.Range(0, count).SelectMany(index => Verified.Experiments.Execution.Shards.Select(figure.Runs(scale), index, count)).Select(run => run.Id).ToList();
                    Assert.Equal(ids.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void A_figure_merge_is_refused_while_runs_of_other_shards_are_missing_and_names_them()
    {
        using var folder = new TemporaryFolder();
        var runs = new TrainingFigure("fig3").Runs(Scale.Small);
        var (ran, output, _) = CliRunner.Run("reproduce", "fig3", "--scale", "small", "--out", folder, "--shard", "0/4", "--jobs", "1");

        var (merged, _, error) = CliRunner.Run("reproduce", "fig3", "--scale", "small", "--out", folder, "--merge");

        Assert.Equal(0, ran);
        Assert.Contains("so the figure is not drawn yet", output);
        Assert.Equal(3, merged);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var missing = Verified.Experiments.Execution.Shards.Select(runs, 1, 4);
        Assert.Contains($"{runs.Count - Verified.Experiments.Execution.Shards.Select(runs, 0, 4).Count} runs are missing", error);
        Assert.Contains(missing[0].Id, error);
        Assert.DoesNotContain(Verified.Experiments.Execution.Shards.Select(runs, 0, 4)[0].Id, error);
        Assert.False(File.Exists(Path.Combine(folder, "fig3.json")));
    }

    /// <summary>A merge computes nothing: a unit of other options (another scale's, say) is reported as left out, not as computed again.</summary>
    [Fact]
    public void A_figure_merge_reports_units_of_other_options_as_left_out()
    {
        using var folder = new TemporaryFolder();
        var run = new TrainingFigure("fig3").Runs(Scale.Claims)[0];
        new Verified.Experiments.Results.ResultStore(Path.Combine(folder, "units")).Write(run.Id, new { scale = "another" }, 1.0);

        var (code, _, error) = CliRunner.Run("reproduce", "fig3", "--scale", "claims", "--out", folder, "--merge");

        Assert.Equal(3, code);
        Assert.Contains($"units/{run.Id}.json' was computed with other options; it is left out", error);
        Assert.DoesNotContain("computed again", error);
    }

    [Theory]
    [InlineData("--shard", "1/4")]
    [InlineData("--jobs", "2")]
    public void A_figure_merge_refuses_options_that_only_shape_runs(params string[] extra)
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(Path.Combine(folder, "units"));

        var (code, _, error) = CliRunner.Run(["reproduce", "fig3", "--out", folder, "--merge", .. extra]);

        Assert.Equal(2, code);
        Assert.Contains($"{extra[0]} sets up runs; --merge only draws the runs already in --out", error);
    }

    [Fact]
    public void A_figure_merge_of_a_folder_without_runs_is_refused_and_creates_nothing()
    {
        using var temporary = new TemporaryFolder();
        var folder = Path.Combine(temporary, "absent");

        var (code, _, error) = CliRunner.Run("reproduce", "fig3", "--out", folder, "--merge");

        Assert.Equal(2, code);
        Assert.Contains("holds no runs of a figure", error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_requeued_scheduler_task_takes_back_the_claims_of_its_earlier_instance_and_leaves_other_tasks_claims_alone()
    {
        using var folder = new TemporaryFolder();
        string[] sweep = ["sweep", "--cell", "vanilla-tanh", "--n", "6", "--task", "copy", "--delays", "2", "--seeds", "2", "--schedules", "none",
            "--epochs", "2", "--steps", "12", "--out", folder, "--jobs", "1"];
        Assert.Equal(0, CliRunner.Run(sweep).ExitCode);
        var runs = Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Order(StringComparer.Ordinal).ToList();
        runs.ForEach(File.Delete);
        // Both claims come from another host with a live heartbeat: one from an earlier instance of this task, one from another task.
        var mine = Path.ChangeExtension(runs[0], ".lock");
        var theirs = Path.ChangeExtension(runs[1], ".lock");
        File.WriteAllText(mine, $"node-3 4242 {DateTime.UtcNow:O} slurm:77_1");
        File.WriteAllText(theirs, $"node-4 4243 {DateTime.UtcNow:O} slurm:77_2");

        using var process = CliRunner.Start(sweep, new Dictionary<string, string> { ["SLURM_ARRAY_JOB_ID"] = "77", ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_JOB_ID"] = "78" });
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.True(File.Exists(runs[0]), output);
        Assert.False(File.Exists(runs[1]));
        Assert.Contains("being computed by process 4243 on node-4 (slurm:77_2)", output);
        Assert.False(File.Exists(mine));
        Assert.True(File.Exists(theirs));
    }
}
