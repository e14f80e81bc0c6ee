using System.Globalization;
using Verified.Experiments.Execution;
using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Planning;

/// <summary>A run of a plan: its id, its work units, the training run it is (null for a run of another kind), and whether the output folder holds it already.</summary>
public sealed record PlannedRun(string Id, int ProgressTicks, TrainingRun? Training, bool Done);

/// <summary>
/// A dry run (--plan of reproduce and sweep): the runs of one shard that the command would do, each
/// with its estimated wall time (<see cref="RecordedWallTimes"/>) and whether --out holds it already,
/// then the core-hours of those left to run and their wall time at --jobs J, J runs side by side
/// each on one core, the next run starting where one finishes. For a job array (--shard i/n, n > 1)
/// it also gives the longest shard's wall time and a Slurm --time for every task: that time with
/// <see cref="Margin"/> again, since a node of another speed or a busier one takes longer. Nothing
/// is run and nothing is written.
/// </summary>
public static class RunPlan
{
    /// <summary>The fraction added to the longest shard's estimate for a task's --time.</summary>
    public const double Margin = 0.5;

    /// <summary>Prints the plan of shard <paramref name="shard"/> of <paramref name="shards"/> of <paramref name="all"/>.</summary>
    public static void Print(string what, IReadOnlyList<PlannedRun> all, int shard, int shards, string folder, int jobs, RecordedWallTimes recorded, TextWriter output)
    {
        var runs = Shards.Select(all, shard, shards);
        output.WriteLine($"plan of {what}" + (shards > 1 ? $", shard {shard}/{shards}" : "") + $": {runs.Count} runs");
        // The id column as wide as the longest id (an arm's id reaches 55 characters).
        var width = runs.Select(run => run.Id.Length).DefaultIfEmpty(0).Max();
        foreach (var run in runs)
        {
            var time = recorded.Estimate(run) is { } known ? string.Create(CultureInfo.InvariantCulture, $"{known.Seconds,9:F0} s {(known.OwnTime ? "recorded" : "similar ")}") : "no estimate     ";
            output.WriteLine($"  {run.Id.PadRight(width)} {time}  {(run.Done ? "done" : "to run")}");
        }
        var left = runs.Where(run => !run.Done).Select(recorded.Estimate).ToList();
        var (own, similar, unknown) = (left.Count(estimate => estimate is { OwnTime: true }), left.Count(estimate => estimate is { OwnTime: false }), left.Count(estimate => estimate is null));
        var seconds = left.Sum(estimate => estimate?.Seconds ?? 0);
        output.WriteLine(left.Count > 0 && unknown == left.Count
            ? $"{runs.Count - left.Count} of {runs.Count} runs done in {folder}; {left.Count} to run: core-hours and wall time unknown"
            : string.Create(CultureInfo.InvariantCulture,
                $"{runs.Count - left.Count} of {runs.Count} runs done in {folder}; {left.Count} to run: about {seconds / 3600:F1} core-hours, {Wall(left, jobs) / 3600:F1} h of wall time at --jobs {jobs}"));
        output.WriteLine($"  of the runs to run, {own} estimated by their own recorded wall time, {similar} by the recorded runs of the same cell, N, T and batch (seconds per epoch), " +
            $"{unknown} without an estimate (no recorded run to tell){(unknown > 0 ? ", not counted" : "")}");
        if (shards > 1)
        {
            var perShard = Enumerable.Range(0, shards).Select(index => Shards.Select(all, index, shards).Where(run => !run.Done).Select(recorded.Estimate).ToList()).ToList();
            var longest = perShard.Max(estimates => Wall(estimates, jobs));
            var known = perShard.All(estimates => estimates.All(estimate => estimate is not null));
            output.WriteLine(known
                ? string.Create(CultureInfo.InvariantCulture, $"the longest of the {shards} shards: about {longest / 3600:F2} h at --jobs {jobs}; a task's time with {Margin:P0} more: --time={SlurmTime(longest * (1 + Margin))}")
                : $"the longest of the {shards} shards cannot be estimated: some of its runs have no recorded run to tell, so no --time is given");
        }
        output.WriteLine(recorded.Folder is null
            ? $"no recorded runs found ({RecordedWallTimes.Location} of a clone, in or above the current folder), so nothing is estimated"
            : $"estimates from the wall times of {recorded.Count} recorded runs in {recorded.Folder}");
        output.WriteLine("nothing was run (--plan)");
    }

    /// <summary>The wall time of runs taken in order by <paramref name="jobs"/> workers, each run by the first worker free (as --jobs runs them); runs without an estimate count 0.</summary>
    private static double Wall(IReadOnlyList<(double Seconds, bool OwnTime)?> estimates, int jobs)
    {
        var free = new double[Math.Max(1, jobs)];
        foreach (var estimate in estimates)
        {
            var first = Array.IndexOf(free, free.Min());
            free[first] += estimate?.Seconds ?? 0;
        }
        return free.Max();
    }

    /// <summary>Slurm's D-HH:MM:SS of <paramref name="seconds"/>, rounded up to the minute.</summary>
    private static string SlurmTime(double seconds)
    {
        var minutes = (long)Math.Ceiling(seconds / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 1440}-{minutes / 60 % 24:D2}:{minutes % 60:D2}:00");
    }
}
