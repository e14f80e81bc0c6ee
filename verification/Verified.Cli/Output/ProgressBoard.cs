using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Verified.Cli.Output;

/// <summary>One piece of long work: its name, how many units it has, and the work, which calls its tick once per unit done.</summary>
public sealed record ProgressJob(string Name, int Units, Action<Action> Work);

/// <summary>
/// Runs jobs one after another with live progress: Spectre.Console progress bars on a terminal,
/// and plain lines (start, every quarter, end with the time taken) when the output is redirected
/// or CI=true, so that logs stay readable.
/// </summary>
public sealed class ProgressBoard(TextWriter output)
{
    public void Run(IReadOnlyList<ProgressJob> jobs)
    {
        var console = Terminal.Create(output);
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    foreach (var job in jobs)
                    {
                        var task = context.AddTask(job.Name, maxValue: Math.Max(1, job.Units));
                        job.Work(() => task.Increment(1));
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                });
            return;
        }
        for (var j = 0; j < jobs.Count; j++)
        {
            var job = jobs[j];
            var prefix = $"[{j + 1}/{jobs.Count}] {job.Name}";
            output.WriteLine(prefix + " ...");
            var clock = Stopwatch.StartNew();
            var done = 0;
            job.Work(() =>
            {
                done++;
                if (job.Units >= 8 && done < job.Units && done % (job.Units / 4) == 0)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}: {done}/{job.Units} ({clock.Elapsed.TotalSeconds:F0} s)"));
                }
            });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}: done in {clock.Elapsed.TotalSeconds:F1} s"));
        }
    }
}
