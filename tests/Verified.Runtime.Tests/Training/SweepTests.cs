using Verified.Training;
using Xunit;

namespace Verified.Runtime.Tests.Training;

public sealed class SweepTests
{
    private static Sweep Small() => new("vanilla-tanh", 6,
        new TrainOptions { Task = "copy", Steps = 20, Batch = 2, Epochs = 3, TestBatch = 4, FlossEpochs = 2, FlossSteps = 30 },
        delays: [2, 3], ks: [1], schedules: [FlossingSchedule.None, FlossingSchedule.Pre], seeds: [1, 2]);

    [Fact]
    public void A_sweep_stopped_in_the_middle_and_restarted_loses_no_finished_run_and_repeats_none()
    {
        var folder = Folder();
        var sweep = Small();
        using var stop = new CancellationTokenSource();
        var first = new List<string>();
        Assert.Throws<OperationCanceledException>(() => sweep.Execute(folder, 0, 1, outcome =>
        {
            first.Add(outcome.Id);
            if (first.Count == 3)
            {
                stop.Cancel();
            }
        }, stop.Token));
        var written = Directory.GetFiles(Path.Combine(folder, "runs")).ToDictionary(path => Path.GetFileName(path), File.ReadAllText);

        var second = sweep.Execute(folder, 0, 1);

        Assert.Equal(3, first.Count);
        Assert.Equal(sweep.Runs.Count - 3, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(sweep.Runs.Select(run => run.Id).Order(), Sweep.Merge(folder).Select(outcome => outcome.Id));
        foreach (var (name, text) in written)
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(folder, "runs", name)));
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "runs"), "*.tmp"));
    }

    [Fact]
    public void Shards_cover_the_grid_once_and_merge_joins_them()
    {
        var folder = Folder();
        var sweep = Small();

        var a = sweep.Execute(folder, 0, 3);
        var b = sweep.Execute(folder, 1, 3);
        var c = sweep.Execute(folder, 2, 3);

        Assert.Equal(sweep.Runs.Count, a.Count + b.Count + c.Count);
        Assert.Equal(sweep.Runs.Select(run => run.Id).Order(), a.Concat(b).Concat(c).Order());
        Assert.Equal(sweep.Runs.Count, Sweep.Merge(folder).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.Shard(3, 3).ToList());
    }

    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "verified-sweep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
