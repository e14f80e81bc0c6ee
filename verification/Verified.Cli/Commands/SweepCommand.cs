using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Planning;
using Verified.Cli.Plots;
using Verified.Cli.Reproduction;
using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;
using Verified.Storage;
using Verified.Training;

namespace Verified.Cli.Commands;

/// <summary>`verified sweep`: delay × k × schedule × seed, J runs side by side, resumable and shardable; `--merge` joins the shards.</summary>
public static class SweepCommand
{
    private static bool HasAccuracy(TrainingRun run) => Verified.Training.Tasks.DelayedTask.Create(run.Options.Task, run.Options.Delay, run.Options.TaskInput).HasAccuracy;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new CommonOptions();
        var training = new TrainingOptionSet(options);
        var delays = new Option<int[]>("--delays") { Description = "Delays", DefaultValueFactory = _ => [5, 10, 20], AllowMultipleArgumentsPerToken = true }.Positive();
        var ks = new Option<int[]>("--ks") { Description = "Numbers of flossed exponents (runs without flossing are run once, whatever k)", DefaultValueFactory = _ => [1], AllowMultipleArgumentsPerToken = true }.Positive();
        var schedules = new Option<string[]>("--schedules") { Description = "none, pre, during", DefaultValueFactory = _ => ["none", "pre"], AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per point: S runs with the seeds --seed, --seed + 1, …, --seed + S − 1", DefaultValueFactory = _ => 5 }.Positive();
        options.Seed.Description = "First seed of each point's runs (see --seeds)";
        var outFolder = new Option<DirectoryInfo>("--out") { Description = "Folder of the sweep (runs/ID.json per run)", Required = true }.WritableFolder();
        var shard = new Option<string>("--shard") { Description = "i/n: run every n-th run from the i-th (0-based)", DefaultValueFactory = _ => "0/1" };
        var jobs = JobsOption.Create();
        var merge = new Option<bool>("--merge") { Description = "Join the finished runs into sweep.json and plot them in sweep.png instead of running; refused (exit 3, naming them) while a run of a grid the shards declared is missing" };
        var plan = new Option<bool>("--plan")
        {
            Description = "List the runs (of --shard's share), each with its wall time estimated from the recorded runs of a clone's docs/recorded-runs and whether --out holds it already, and the core-hours left; run nothing",
        };
        var keep = KeepOtherNumericalVersions.Create("runs");
        var command = new Command("sweep", "A resumable, shardable grid of training runs, run side by side. " + TrainingMetrics.Help);
        options.AddTo(command, CommonOptions.Groups.GainAndSeed);
        training.AddTo(command);
        foreach (var option in new Option[] { delays, ks, schedules, seeds, outFolder, shard, jobs, merge, plan, keep })
        {
            command.Options.Add(option);
        }
        void Warn(string warning) => error.WriteLine("warning: " + warning);
        command.SetAction(result =>
        {
            var folder = result.GetValue(outFolder)!;
            if (result.GetValue(merge))
            {
                OptionRules.RefuseGiven(result, command.Options.Where(option => option != outFolder && option != merge && option != keep),
                    "sets up runs; --merge only joins the runs already in --out");
                if (!Directory.Exists(Path.Combine(folder.FullName, "runs")))
                {
                    throw new UsageException($"'{folder}' holds no sweep (no runs/ folder)");
                }
                var merged = Sweep.Merge(folder.FullName, Warn, result.GetValue(keep));
                output.WriteLine($"{merged.Count} runs merged");
                JsonOutput.Write(new FileInfo(Path.Combine(folder.FullName, "sweep.json")), new SweepFile(
                    OriginCount.Of(merged.Select(run => run.Origin ?? ResultOrigin.Unrecorded)), merged, RunGroup.Of(merged)));
                foreach (var task in merged.GroupBy(run => run.Run.Options.Task))
                {
                    var measure = Statistics.ChanceLoss(task.Key) is null ? PanelMeasure.TestAccuracy : PanelMeasure.TestLoss;
                    var name = merged.Select(run => run.Run.Options.Task).Distinct().Count() == 1 ? "sweep.png" : $"sweep-{task.Key}.png";
                    SweepPlot.WriteAgainstDelay([.. task], measure, measure == PanelMeasure.TestAccuracy ? [new Reference("chance level", Level: 0.5)] : [],
                        Path.Combine(folder.FullName, name), $"{task.Key}: final test {(measure == PanelMeasure.TestLoss ? "loss" : "accuracy")} against the delay");
                }
                return ExitCodes.Success;
            }
            // A cell file's cell never has a built-in cell's name (CellFileCompiler), so no cell file can be swept: refused before it is compiled.
            OptionRules.RefuseGiven(result, [options.AllErrors], "lists the errors of a cell file, but sweeps run built-in cells");
            OptionRules.RefuseGiven(result, [options.CellFile], "names a cell file, but sweeps run built-in cells (their runs must be reproducible by name on every machine)");
            var n = result.GetValue(options.N);
            var spec = CellSelection.Resolve(result, options)[0];
            var (index, count) = ShardOption.Parse(result.GetValue(shard)!);
            var parallel = result.GetValue(jobs);
            var scheduleValues = result.GetValue(schedules)!.Select(name => Enum.TryParse<FlossingSchedule>(name, true, out var s) && Enum.IsDefined(s)
                ? s : throw new UsageException($"unknown schedule '{name}'; the schedules are none, pre and during")).ToArray();
            var seedCount = result.GetValue(seeds);
            var firstSeed = result.GetValue(options.Seed);
            if (firstSeed > ulong.MaxValue - (ulong)(seedCount - 1))
            {
                throw new UsageException($"--seed {firstSeed} with --seeds {seedCount} runs past the largest seed {ulong.MaxValue}");
            }
            training.RefuseUnread(result, scheduleValues, ks, "--schedules");
            var delayValues = CommonOptions.GivenList<int>(result, delays) ?? result.GetValue(delays)!;
            var kValues = CommonOptions.GivenList<int>(result, ks) ?? result.GetValue(ks)!;
            // Every combination is checked before the first run.
            var grid = new List<TrainingRun>();
            foreach (var delay in delayValues)
            {
                foreach (var schedule in scheduleValues)
                {
                    foreach (var k in kValues)
                    {
                        var runOptions = training.Read(result, delay, schedule, k);
                        TrainingOptionSet.Check(spec, n, runOptions);
                        grid.AddRange(Enumerable.Range(0, seedCount).Select(offset => TrainingRun.Of(spec, n, runOptions with { Seed = firstSeed + (ulong)offset })));
                    }
                }
            }
            var sweep = new Sweep(grid);
            if (result.GetValue(plan))
            {
                var finished = Directory.Exists(Path.Combine(folder.FullName, "runs")) ? Sweep.Store(folder.FullName, Warn, readOnly: true) : null;
                RunPlan.Print($"the sweep of {spec.Name} (N = {n})",
                    [.. sweep.Runs.Select(run => new PlannedRun(run.Id, run.ProgressTicks, run, finished?.Has<TrainingOutcome>(run.Id, run) == true))],
                    index, count, folder.FullName, parallel, RecordedWallTimes.Find(Directory.GetCurrentDirectory()), output);
                return ExitCodes.Success;
            }
            OutputFolder.Create(folder);
            sweep.Declare(folder.FullName);
            var store = Sweep.Store(folder.FullName, Warn, CliBuild.Origin, result.GetValue(keep));
            var missing = sweep.Missing(store, index, count);
            var board = new ProgressBoard(output);
            var leftToOthers = 0;
            board.Run([.. missing.Select(run => new ProgressJob(run.Id, run.ProgressTicks, tick =>
            {
                var outcome = Sweep.Execute(store, run, out var holder, tick);
                if (holder.Length > 0)
                {
                    Interlocked.Increment(ref leftToOthers);
                    board.Write($"{run.Id}: being computed by {holder}; left to it");
                }
                else if (outcome is not null)
                {
                    var accuracy = HasAccuracy(run) ? string.Create(CultureInfo.InvariantCulture, $", accuracy {outcome.Final.TestAccuracy:F3} (best {outcome.BestTestAccuracy:F3})") : "";
                    board.Write(string.Create(CultureInfo.InvariantCulture, $"{run.Id}: final test loss {NumberText.Scientific(outcome.Final.TestLoss, 3)}{accuracy} in {outcome.Seconds:F1} s"));
                }
            }))], parallel);
            output.WriteLine($"shard {index}/{count}: {missing.Count - leftToOthers} runs done now, {sweep.Shard(index, count).Count - missing.Count} were already done" +
                (leftToOthers > 0 ? $", {leftToOthers} being computed by other processes" : "") + $"; `sweep --out {folder} --merge` writes sweep.json and sweep.png");
            return ExitCodes.Success;
        });
        return command;
    }
}
