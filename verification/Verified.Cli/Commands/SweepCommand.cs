using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Training;

namespace Verified.Cli.Commands;

/// <summary>`verified sweep`: delay × k × schedule × seed, resumable and shardable; `--merge` joins the shards.</summary>
public static class SweepCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions(defaultN: 80);
        var task = new Option<string>("--task") { Description = "copy, xor or spatial-xor", DefaultValueFactory = _ => "copy" };
        task.AcceptOnlyFromAmong("copy", "xor", "spatial-xor");
        var delays = new Option<int[]>("--delays") { Description = "Delays", DefaultValueFactory = _ => [5, 10, 20], AllowMultipleArgumentsPerToken = true };
        var ks = new Option<int[]>("--ks") { Description = "Numbers of flossed exponents", DefaultValueFactory = _ => [1], AllowMultipleArgumentsPerToken = true };
        var schedules = new Option<string[]>("--schedules") { Description = "none, pre, during", DefaultValueFactory = _ => ["none", "pre"], AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds 1..S per point", DefaultValueFactory = _ => 5 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs per run", DefaultValueFactory = _ => 500 };
        var steps = new Option<int>("--steps") { Description = "Sequence length T", DefaultValueFactory = _ => 300 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var flossEpochs = new Option<int>("--floss-epochs") { Description = "Flossing epochs (pre) or per episode (during)", DefaultValueFactory = _ => 100 };
        var outFolder = new Option<DirectoryInfo>("--out") { Description = "Folder of the sweep (runs/ID.json per run)", Required = true };
        var shard = new Option<string>("--shard") { Description = "i/n: run every n-th run from the i-th (0-based)", DefaultValueFactory = _ => "0/1" };
        var merge = new Option<bool>("--merge") { Description = "Join the finished runs into sweep.json and plot them in sweep.png instead of running" };
        var command = new Command("sweep", "A resumable, shardable grid of training runs");
        options.AddTo(command);
        foreach (var option in new Option[] { task, delays, ks, schedules, seeds, epochs, steps, lr, flossEpochs, outFolder, shard, merge })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var folder = result.GetValue(outFolder)!;
            if (result.GetValue(merge))
            {
                if (!Directory.Exists(Path.Combine(folder.FullName, "runs")))
                {
                    throw new UsageException($"'{folder}' holds no sweep (no runs/ folder)");
                }
                var outcomes = Sweep.Merge(folder.FullName);
                output.WriteLine($"{outcomes.Count} runs merged");
                JsonOutput.Write(new FileInfo(Path.Combine(folder.FullName, "sweep.json")), new { runs = outcomes });
                if (outcomes.Count > 0)
                {
                    SweepPlot.Write(outcomes, Path.Combine(folder.FullName, "sweep.png"));
                }
                return ExitCodes.Success;
            }
            var n = options.PositiveN(result);
            var spec = CellSelection.Resolve(result, options, allWhenNone: false)[0];
            if (BuiltInCells.Find(spec.Name) is null)
            {
                throw new UsageException("sweeps run built-in cells (their runs must be reproducible by name on every machine)");
            }
            var (index, count) = ShardOption.Parse(result.GetValue(shard)!);
            var scheduleValues = result.GetValue(schedules)!.Select(name => Enum.TryParse<FlossingSchedule>(name, true, out var s)
                ? s : throw new UsageException($"unknown schedule '{name}'; the schedules are none, pre and during")).ToArray();
            var seedCount = CommonOptions.Positive(result.GetValue(seeds), "--seeds");
            if (result.GetValue(delays)!.Any(d => d < 1) || result.GetValue(ks)!.Any(k => k < 1))
            {
                throw new UsageException("--delays and --ks must be positive");
            }
            OutputFolder.Create(folder);
            var sweep = new Sweep(spec.Name, n,
                new TrainOptions
                {
                    Task = result.GetValue(task)!, Epochs = CommonOptions.Positive(result.GetValue(epochs), "--epochs"),
                    Steps = CommonOptions.Positive(result.GetValue(steps), "--steps"), LearningRate = result.GetValue(lr),
                    FlossEpochs = CommonOptions.Positive(result.GetValue(flossEpochs), "--floss-epochs"), Gain = result.GetValue(options.Gain),
                },
                result.GetValue(delays)!, result.GetValue(ks)!, scheduleValues, [.. Enumerable.Range(1, seedCount).Select(s => (ulong)s)]);
            var ran = sweep.Execute(folder.FullName, index, count, outcome =>
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Id}: best test accuracy {outcome.BestTestAccuracy:F3}, test loss {outcome.Final.TestLoss:E3} ({outcome.Seconds:F1} s)")));
            output.WriteLine($"shard {index}/{count}: {ran.Count} runs done now, {sweep.Shard(index, count).Count() - ran.Count} were already done");
            return ExitCodes.Success;
        });
        return command;
    }
}
