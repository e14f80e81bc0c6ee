using System.CommandLine;
using Verified.Cli.Output;
using Verified.Cli.Planning;
using Verified.Cli.Reproduction;
using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Commands;

/// <summary>`verified reproduce figN [--scale small|paper]`: a figure of the paper as data (JSON, CSV) and PNG plots; resumable and shardable.</summary>
public static class ReproduceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var figures = Reproducer.Figures();
        var figure = new Argument<string>("FIGURE") { HelpName = "FIGURE", Description = "One of " + string.Join(", ", figures.Select(f => f.Name)) };
        figure.OneOf([.. figures.Select(f => f.Name)]);
        var scale = new Option<string?>("--scale") { Description = "small (seconds per figure here), claims (the training figures: the runs behind the paper's sentences, 5 seeds, one to several hours on two cores) or paper (the paper's protocol, for a cluster where it means hundreds of runs of minutes each); a figure's scales are listed in the README (default: the figure's smallest)" };
        scale.OneOf("small", "claims", "paper");
        var jobs = JobsOption.Create();
        var outFolder = new Option<DirectoryInfo?>("--out") { Description = "Folder of the figure (default: reproduce/FIGURE-SCALE)" }.WritableFolder();
        var shard = new Option<string>("--shard") { Description = "i/n: run every n-th run from the i-th (0-based), for cluster job arrays", DefaultValueFactory = _ => "0/1" };
        var merge = new Option<bool>("--merge") { Description = "Draw the figure from the finished runs without running any; refused (exit 3, naming them) while runs are missing" };
        var partial = new Option<bool>("--partial")
        {
            Description = "With --merge, for the training figures (" + string.Join(", ", TrainingProtocol.Figures) + "): draw the runs that have finished and judge the claims on them, saying how many are missing; claims.md and the JSON say the figure is partial",
        };
        var precision = new Option<string?>("--precision")
        {
            Description = "The training figures (" + string.Join(", ", TrainingProtocol.Figures) + ") trained in float (BPTT, readout, flossing episodes and test evaluation in float, Adam on a double master copy, as train --precision float) or double; default: each run's own (double, the recorded runs)",
        };
        precision.OneOf("double", "float");
        var plan = new Option<bool>("--plan")
        {
            Description = "List the runs (of --shard's share), each with its wall time estimated from the recorded runs of a clone's docs/recorded-runs and whether --out holds it already, and the core-hours left; run nothing",
        };
        var keep = KeepOtherNumericalVersions.Create("units");
        var command = new Command("reproduce", "Reproduce a figure of the paper: data (JSON, CSV) and plots (PNG)");
        command.Arguments.Add(figure);
        foreach (var option in new Option[] { scale, precision, outFolder, shard, jobs, merge, partial, plan, keep })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var chosen = figures.Single(f => f.Name == result.GetValue(figure));
            if (result.GetValue(precision) is { } element)
            {
                chosen = chosen is TrainingFigure
                    ? new TrainingFigure(chosen.Name, element == "float" ? Training.ElementPrecision.Float : null) // double: the runs as recorded, under their ids
                    : throw new UsageException($"--precision sets how the training figures ({string.Join(", ", TrainingProtocol.Figures)}) train; {chosen.Name} trains nothing");
            }
            var size = result.GetValue(scale) is { } named ? Enum.Parse<Scale>(named, ignoreCase: true) : chosen.Scales[0];
            if (!chosen.Scales.Contains(size))
            {
                throw new UsageException($"{chosen.Name} has no {result.GetValue(scale)} scale; it has {string.Join(", ", chosen.Scales.Select(s => s.ToString().ToLowerInvariant()))}");
            }
            var sizeName = size.ToString().ToLowerInvariant();
            var (index, count) = ShardOption.Parse(result.GetValue(shard)!);
            var parallel = result.GetValue(jobs);
            var target = result.GetValue(outFolder) ?? new DirectoryInfo(Path.Combine("reproduce", $"{chosen.Name}-{sizeName}" + (result.GetValue(precision) is { } chosenPrecision ? "-" + chosenPrecision : "")));
            if (result.GetValue(plan))
            {
                OptionRules.RefuseGiven(result, [merge, partial], "draws the figure; --plan only lists its runs");
                Plan(chosen, size, target.FullName, index, count, parallel, output, error);
            }
            else if (result.GetValue(merge))
            {
                OptionRules.RefuseGiven(result, [shard, jobs], "sets up runs; --merge only draws the runs already in --out");
                if (!Directory.Exists(Path.Combine(target.FullName, "units")))
                {
                    throw new UsageException($"'{target}' holds no runs of a figure (no units/ folder)");
                }
                if (result.GetValue(partial) && chosen is not TrainingFigure)
                {
                    throw new UsageException($"--partial draws the training figures ({string.Join(", ", TrainingProtocol.Figures)}) from the runs that have finished; {chosen.Name} is drawn whole");
                }
                Reproducer.Draw(chosen, size, target.FullName, output, error, result.GetValue(partial), result.GetValue(keep));
            }
            else
            {
                OptionRules.RefuseGiven(result, [partial], "draws a figure from the runs that have finished; it needs --merge");
                Reproducer.Run(chosen, size, OutputFolder.Create(target), index, count, parallel, output, error, result.GetValue(keep));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The figure's runs, of one shard, estimated and marked done where <paramref name="folder"/>'s units hold them; nothing is created.</summary>
    private static void Plan(Figure figure, Scale scale, string folder, int shard, int shards, int jobs, TextWriter output, TextWriter error)
    {
        var store = Directory.Exists(Path.Combine(folder, "units")) ? Reproducer.Store(folder, error, keepOtherNumericalVersions: false, readOnly: true) : null;
        var runs = figure.Runs(scale)
            .Select(run => new PlannedRun(run.Id, run.ProgressTicks, run.Key as TrainingRun, store is not null && store.TryRead(run.Id, run.Key, run.Result, out _)))
            .ToList();
        RunPlan.Print($"{figure.Name} at the {scale.ToString().ToLowerInvariant()} scale", runs, shard, shards, folder, jobs, RecordedWallTimes.Find(Directory.GetCurrentDirectory()), output);
    }
}
