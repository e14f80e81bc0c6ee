using System.Globalization;
using System.Text.Json;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Experiments.Sweeps;
using Verified.Storage;
using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The training figures, each a set of panels of <see cref="TrainingProtocol"/>: Fig 3, flossing
/// before training on the copy task and the continuous temporal XOR; Fig 4, no flossing, flossing
/// before and during training on the binary temporal and spatial XOR; Fig 5, the number of flossed
/// exponents k on the binary temporal XOR; and the ablation of Fig 3C. Each panel is drawn against
/// the delay (or k), with the training curves at its longest delay and, at the claims and paper
/// scales, the paper's sentences tested in claims.md. With a <paramref name="precision"/>, every run
/// of the protocol trains in it (the runs of an arm that sets its own keep it).
/// </summary>
public sealed class TrainingFigure(string name, ElementPrecision? precision = null) : Figure
{
    public override string Name => name;

    public override string Title => TrainingProtocol.Title(name);

    public override IReadOnlyList<Scale> Scales => TrainingProtocol.ScalesOf(name);

    /// <summary>Every run of every panel, seed by seed (so that a figure stopped part-way has whole panels at fewer seeds), the longest first within a seed (so that J workers finish together).</summary>
    public override IReadOnlyList<FigureRun> Runs(Scale scale) =>
        [.. Panels(scale).SelectMany(panel => panel.Runs())
            .DistinctBy(run => run.Id)
            .OrderBy(run => run.Options.Seed)
            .ThenByDescending(run => run.ProgressTicks)
            .Select(run => FigureRun.Of(run.Id, run.ProgressTicks, run, tick => run.Execute(tick)))];

    /// <summary>The protocol's panels, trained in the figure's precision when it has one.</summary>
    private IReadOnlyList<TrainingPanel> Panels(Scale scale) =>
        precision is { } chosen
            ? [.. TrainingProtocol.Panels(name, scale).Select(panel => panel with { Baseline = panel.Baseline with { Precision = chosen } })]
            : TrainingProtocol.Panels(name, scale);

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var panels = Panels(scale);
        var label = name.StartsWith("fig", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), out var number) ? $"Fig {number}" : name;
        var csv = new CsvTable("panel", "id", "task", "delay", "k", "arm", "seed", "finalTestLoss", "finalTestAccuracy", "bestTestAccuracy", "lambda1After", "seconds");
        var data = new List<PanelSummary>();
        var all = new List<SweepResult>();
        foreach (var panel in panels)
        {
            var runs = panel.Runs().Where(run => results.Has(run.Id)).Select(run => new SweepResult(run.Id, run, results.Get<TrainingOutcome>(run.Id))).ToList();
            if (runs.Count == 0)
            {
                continue;
            }
            all.AddRange(runs);
            var prefix = Path.Combine(folder, $"{Name}-{panel.Name}");
            var planned = panel.Runs().Count();
            var where = $"{panel.Cell}, N = {panel.N}, {panel.Seeds} seeds per point" + (runs.Count < planned ? $" (partial: {runs.Count} of {planned} runs finished)" : "");
            if (panel.Ks.Length > 1)
            {
                SweepPlot.WriteAgainstK(runs, panel.References, prefix + ".png", $"{label}: {panel.Caption}\n{where}");
            }
            else
            {
                SweepPlot.WriteAgainstDelay(runs, panel.Measure, panel.References, prefix + ".png", $"{label}: {panel.Caption}\n{where}");
            }
            var longest = panel.Delays.Max();
            SweepPlot.WriteCurves([.. runs.Where(result => result.Run.Options.Delay == longest && result.Run.Options.FlossK == panel.Ks.Max()
                    || result.Run.Options.Delay == longest && result.Run.Options.Flossing == FlossingSchedule.None)],
                prefix + "-curves.png", $"{label}: {panel.Name} training curves at d = {longest}");
            if (panel.Baseline.Task == "spatial-xor" && ExponentsAfterPlot.Applies(runs))
            {
                ExponentsAfterPlot.Write(runs, prefix + "-exponents.png", $"{label}: {panel.Name}, λ1 and λ10 after training, as Fig 13 draws them (flossed: every schedule of the panel)\n{where}");
            }
            if (panel.Baseline.RecordClvOverlap == true)
            {
                AlignedPlot.Write(runs, prefix + "-aligned.png", $"{label}: {panel.Name}, aligned as in Fig 9");
            }
            foreach (var result in runs)
            {
                var (options, outcome) = (result.Run.Options, result.Outcome);
                // The accuracy columns are empty for a task without an accuracy (real-valued targets).
                var scored = Verified.Training.Tasks.DelayedTask.Create(options.Task, options.Delay, options.TaskInput).HasAccuracy;
                csv.Row(panel.Name, result.Id, options.Task, options.Delay, options.FlossK, RunArm.Key(options), options.Seed,
                    outcome.Final.TestLoss, scored ? outcome.Final.TestAccuracy : (object)"", scored ? outcome.BestTestAccuracy : (object)"", outcome.Lambda1After, outcome.Seconds);
            }
            data.Add(new PanelSummary(panel.Name, panel.Caption, panel.N, panel.Delays, panel.Ks, panel.ArmNames, panel.Seeds, panel.Baseline, RunGroup.Of(runs)));
        }
        csv.Save(Path.Combine(folder, $"{Name}.csv"));
        var groups = RunGroup.Of(all);
        IReadOnlyList<ClaimVerdict> verdicts = scale == Scale.Small ? [] : [.. PaperClaims.Evaluate(groups), .. PaperClaims.EvaluateHistories(all)];
        if (verdicts.Count > 0)
        {
            var expected = Runs(scale).Count;
            var partial = all.Count < expected ? $"**Partial**: drawn from {all.Count} of {expected} runs; the others have not finished.\n\n" : "";
            // Appendix F's share is of preflossing; episodes during training are reported apart.
            var pre = PaperClaims.FlossingShare([.. all.Where(result => result.Run.Options.Flossing == FlossingSchedule.Pre)]);
            var during = PaperClaims.FlossingShare([.. all.Where(result => result.Run.Options.Flossing == FlossingSchedule.During)]);
            var share = (pre is null ? "" : $"\nPreflossing took {pre:P1} of the wall time of the preflossed runs that timed it (appendix F: about 2.2 % in Fig 3's experiment).\n")
                + (during is null ? "" : $"\nFlossing during training took {during:P1} of the wall time of the runs that flossed during training and timed their episodes (preflossing included).\n");
            AtomicFile.WriteAllText(Path.Combine(folder, "claims.md"), $"# {label}: the paper's sentences on our runs ({scale.ToString().ToLowerInvariant()} scale)\n\n" + partial
                + PaperClaims.Markdown(verdicts, groups)
                + "\n## Had training stopped earlier\n\nRuns trained at their last evaluation before each budget of epochs, from the recorded histories.\n\n" + PaperClaims.BudgetTable(all)
                + share + UnitOrigins.Markdown(results.Origins));
        }
        JsonOutput.Write(new FileInfo(Path.Combine(folder, $"{Name}.json")), new TrainingFigureFile(name, FigureFile.NameOf(scale), results.Origins, all.Count, Runs(scale).Count, data, verdicts,
            [.. all.Select(result => new RunSummary(result.Id, result.Run, result.Outcome.Final, result.Outcome.BestTestAccuracy, result.Outcome.Lambda1After, result.Outcome.Seconds))]));
    }
}
