using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Verified.Experiments.Execution;

namespace Verified.Cli.Output;

/// <summary>
/// One piece of long work: its name, how many units it has, and the work, which calls its tick once per unit done;
/// <paramref name="Steps"/> is the number of steps when the units stand for groups of them (<see cref="OfSteps"/>), named <paramref name="StepName"/>.
/// </summary>
public sealed record ProgressJob(string Name, int ProgressTicks, Action<Action> Work, long? Steps = null, string StepName = "steps")
{
    private const int MostUnits = 1000;

    /// <summary>
    /// Work of many small steps, shown in at most 1000 units: <paramref name="work"/> calls its tick once per step;
    /// <paramref name="what"/> names the steps in progress lines.
    /// </summary>
    public static ProgressJob OfSteps(string name, long steps, Action<Action> work, string what = "steps")
    {
        var units = (int)Math.Clamp(steps, 1, MostUnits);
        var stepsPerUnit = (steps + units - 1) / units;
        return new ProgressJob(name, units, tick =>
        {
            var done = 0L;
            work(() =>
            {
                if (++done % stepsPerUnit == 0)
                {
                    tick();
                }
            });
        }, steps, what);
    }

    /// <summary>How much is done after <paramref name="done"/> units, in steps where the units group them: "250000/1000000 steps", else "3/12".</summary>
    public string Done(int done) => Steps is { } total
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Min(total, done * ((total + ProgressTicks - 1) / ProgressTicks))}/{total} {StepName}")
        : string.Create(CultureInfo.InvariantCulture, $"{done}/{ProgressTicks}");
}

/// <summary>
/// Runs jobs, up to <c>parallelism</c> side by side, with live progress of every running job:
/// Spectre.Console progress bars on a terminal, and plain lines (start, every quarter, end with
/// the time taken) when the output is redirected or CI=true, so that logs stay readable.
/// </summary>
public sealed class ProgressBoard(TextWriter output)
{
    private readonly Lock _lines = new();

    public void Run(IReadOnlyList<ProgressJob> jobs, int parallelism = 1)
    {
        var console = Terminal.Create(output);
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context => ParallelRuns.Execute(jobs, parallelism, job =>
                {
                    ProgressTask task;
                    lock (_lines)
                    {
                        task = context.AddTask(job.Name, maxValue: Math.Max(1, job.ProgressTicks));
                    }
                    job.Work(() => task.Increment(1));
                    task.Value = task.MaxValue;
                    task.StopTask();
                }));
            return;
        }
        var started = 0;
        ParallelRuns.Execute(jobs, parallelism, job =>
        {
            var prefix = $"[{Interlocked.Increment(ref started)}/{jobs.Count}] {job.Name}";
            Write(prefix + " ...");
            var clock = Stopwatch.StartNew();
            var done = 0;
            job.Work(() =>
            {
                done++;
                if (job.ProgressTicks >= 8 && done < job.ProgressTicks && done % (job.ProgressTicks / 4) == 0)
                {
                    Write(string.Create(CultureInfo.InvariantCulture, $"{prefix}: {job.Done(done)} ({clock.Elapsed.TotalSeconds:F0} s)"));
                }
            });
            Write(string.Create(CultureInfo.InvariantCulture, $"{prefix}: done in {clock.Elapsed.TotalSeconds:F1} s"));
        });
    }

    /// <summary>One computation of <paramref name="steps"/> steps, with its progress: <paramref name="work"/> calls its tick once per step; returns what it computes.</summary>
    public T Run<T>(string name, long steps, Func<Action, T> work)
    {
        T result = default!;
        Run([ProgressJob.OfSteps(name, steps, tick => result = work(tick))]);
        return result;
    }

    /// <summary>A whole line, never interleaved with another job's.</summary>
    public void Write(string line)
    {
        lock (_lines)
        {
            output.WriteLine(line);
        }
    }
}
