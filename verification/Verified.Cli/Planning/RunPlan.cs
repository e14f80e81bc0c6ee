using System.Globalization;
using Verified.Training;

namespace Verified.Cli.Planning;

/// <summary>A run of a plan: its id, its work units, the training run it is (null for a run of another kind), and whether the output folder holds it already.</summary>
public sealed record PlannedRun(string Id, int Units, TrainingRun? Training, bool Done);

/// <summary>
/// A dry run (--plan of reproduce and sweep): the runs the command would do, each with its estimated
/// wall time (<see cref="RecordedWallTimes"/>) and whether --out holds it already, then the
/// core-hours of those left to run. Each run takes one core, so J side by side (--jobs J) take about
/// core-hours / J of wall time. Nothing is run and nothing is written.
/// </summary>
public static class RunPlan
{
    public static void Print(string what, IReadOnlyList<PlannedRun> runs, string folder, int jobs, RecordedWallTimes recorded, TextWriter output)
    {
        output.WriteLine($"plan of {what}: {runs.Count} runs");
        var (seconds, own, similar, unknown) = (0.0, 0, 0, 0);
        foreach (var run in runs)
        {
            var estimate = recorded.Estimate(run);
            var time = estimate is { } known ? string.Create(CultureInfo.InvariantCulture, $"{known.Seconds,9:F0} s {(known.OwnTime ? "recorded" : "similar ")}") : "no estimate     ";
            output.WriteLine($"  {run.Id,-48} {time}  {(run.Done ? "done" : "to run")}");
            if (run.Done)
            {
                continue;
            }
            seconds += estimate?.Seconds ?? 0;
            (own, similar, unknown) = estimate switch
            {
                { OwnTime: true } => (own + 1, similar, unknown),
                not null => (own, similar + 1, unknown),
                null => (own, similar, unknown + 1),
            };
        }
        var done = runs.Count(run => run.Done);
        var left = runs.Count - done;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{done} of {runs.Count} runs done in {folder}; {left} to run: about {seconds / 3600:F1} core-hours, {seconds / 3600 / Math.Min(jobs, Math.Max(left, 1)):F1} h of wall time at --jobs {jobs}"));
        output.WriteLine($"  of the runs to run, {own} estimated by their own recorded wall time, {similar} by the recorded runs of the same cell, N, T and batch (seconds per epoch), " +
            $"{unknown} without an estimate (no recorded run to tell){(unknown > 0 ? ", not counted" : "")}");
        output.WriteLine(recorded.Folder is null
            ? $"no recorded runs found ({RecordedWallTimes.Location} of a clone, in or above the current folder), so nothing is estimated"
            : $"estimates from the wall times of {recorded.Count} recorded runs in {recorded.Folder}");
        output.WriteLine("nothing was run (--plan)");
    }
}
