using System.Globalization;
using System.Text.Json;
using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.IO;
using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The training figures, each a set of panels of <see cref="TrainingProtocol"/>: Fig 3, flossing
/// before training on the copy task and the continuous temporal XOR; Fig 4, no flossing, flossing
/// before and during training on the binary temporal and spatial XOR; Fig 5, the number of flossed
/// exponents k on the binary temporal XOR. Each panel is drawn against the delay (or k), with the
/// training curves at its longest delay and, at the claims and paper scales, the paper's sentences
/// tested in claims.md.
/// </summary>
public sealed class TrainingFigure(int number) : Figure
{
    public override string Name => $"fig{number}";

    public override string Title => number switch
    {
        3 => "flossing before training: copy task and continuous temporal XOR, final test loss against the delay",
        4 => "flossing before and during training: binary temporal and spatial XOR, final test accuracy against the delay",
        _ => "the number of flossed exponents k: binary temporal XOR, final test accuracy against k",
    };

    public override IReadOnlyList<Scale> Scales => TrainingProtocol.ScalesOf(number);

    /// <summary>Every run of every panel, seed by seed (so that a figure stopped part-way has whole panels at fewer seeds), the longest first within a seed (so that J workers finish together).</summary>
    public override IReadOnlyList<FigureRun> Runs(Scale scale) =>
        [.. TrainingProtocol.Panels(number, scale).SelectMany(panel => panel.Runs())
            .DistinctBy(run => run.Id)
            .OrderBy(run => run.Options.Seed)
            .ThenByDescending(run => run.Units)
            .Select(run => FigureRun.Of(run.Id, run.Units, run, tick => run.Execute(tick)))];

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var panels = TrainingProtocol.Panels(number, scale);
        var csv = new CsvTable("panel", "id", "task", "delay", "k", "schedule", "seed", "finalTestLoss", "finalTestAccuracy", "bestTestAccuracy", "lambda1After", "seconds");
        var data = new List<object>();
        var all = new List<SweepResult>();
        foreach (var panel in panels)
        {
            var runs = panel.Runs().Select(run => new SweepResult(run.Id, run, results.Get<TrainingOutcome>(run.Id))).ToList();
            all.AddRange(runs);
            var prefix = Path.Combine(folder, $"{Name}-{panel.Name}");
            var where = $"vanilla-tanh, N = {panel.N}, {panel.Seeds} seeds per point";
            if (panel.Ks.Length > 1)
            {
                SweepPlot.WriteAgainstK(runs, panel.References, prefix + ".png", $"Fig {number}: {panel.Caption}\n{where}");
            }
            else
            {
                SweepPlot.WriteAgainstDelay(runs, panel.Measure, panel.References, prefix + ".png", $"Fig {number}: {panel.Caption}\n{where}");
            }
            var longest = panel.Delays.Max();
            SweepPlot.WriteCurves([.. runs.Where(result => result.Run.Options.Delay == longest && result.Run.Options.FlossK == panel.Ks.Max()
                    || result.Run.Options.Delay == longest && result.Run.Options.Flossing == FlossingSchedule.None)],
                prefix + "-curves.png", $"Fig {number}: {panel.Name} training curves at d = {longest}");
            foreach (var result in runs)
            {
                var (options, outcome) = (result.Run.Options, result.Outcome);
                csv.Row(panel.Name, result.Id, options.Task, options.Delay, options.FlossK, options.Flossing.ToString().ToLowerInvariant(), options.Seed,
                    outcome.Final.TestLoss, outcome.Final.TestAccuracy, outcome.BestTestAccuracy, outcome.Lambda1After, outcome.Seconds);
            }
            data.Add(new { panel = panel.Name, panel.Caption, panel.N, panel.Delays, panel.Ks, schedules = panel.Schedules, panel.Seeds, options = panel.Baseline, groups = RunGroup.Of(runs) });
        }
        csv.Save(Path.Combine(folder, $"{Name}.csv"));
        var groups = RunGroup.Of(all);
        var verdicts = scale == Scale.Small ? [] : PaperClaims.Evaluate(groups);
        if (verdicts.Count > 0)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, "claims.md"), $"# Fig {number}: the paper's sentences on our runs ({scale.ToString().ToLowerInvariant()} scale)\n\n" + PaperClaims.Markdown(verdicts, groups));
        }
        JsonOutput.Write(new FileInfo(Path.Combine(folder, $"{Name}.json")), new
        {
            figure = number.ToString(CultureInfo.InvariantCulture), scale = scale.ToString().ToLowerInvariant(), version = ResultStore.Version,
            panels = data, claims = verdicts,
            runs = all.Select(result => new { result.Id, result.Run, result.Outcome.Final, result.Outcome.BestTestAccuracy, result.Outcome.Lambda1After, result.Outcome.Seconds }),
        });
    }
}
