using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The training figures, each a grid of the training sweep (delay × k × schedule × seed, vanilla-tanh):
/// Fig 3, flossing before training on the delayed copy task; Fig 4, flossing during training too;
/// Fig 5, the number of flossed exponents k on the spatial XOR task. Figs 3 and 4 also show the
/// training curves at the longest delay, with the flossing episodes marked.
/// </summary>
public sealed class TrainingFigure(int number) : Figure
{
    public override string Name => $"fig{number}";

    public override string Title => number switch
    {
        3 => "flossing before training: delayed copy task, final test loss against the delay",
        4 => "flossing before and during training: delayed copy task",
        _ => "number of flossed exponents k: spatial XOR, best test accuracy against k",
    };

    private sealed record Grid(int N, TrainOptions Baseline, int[] Delays, int[] Ks, FlossingSchedule[] Schedules, ulong[] Seeds)
    {
        public Sweep Sweep => new("vanilla-tanh", N, Baseline, Delays, Ks, Schedules, Seeds);
    }

    private Grid Layout(Scale scale)
    {
        // Paper: N = 80, T = 300, batch 16, learning rate 1e-3, five seeds; small: the same grid, shrunk to minutes on two cores.
        var paper = scale == Scale.Paper;
        var baseline = paper
            ? new TrainOptions { Steps = 300, Epochs = 1000, FlossEpochs = 100, FlossAt = [0, 200, 400, 600, 800] }
            : new TrainOptions { Steps = 100, Epochs = 300, LearningRate = 3e-3, FlossEpochs = 50, FlossSteps = 200, FlossAt = [0, 100, 200] };
        var n = paper ? 80 : 32;
        ulong[] seeds = paper ? [1, 2, 3, 4, 5] : [1, 2];
        return number switch
        {
            3 => new Grid(n, baseline with { Task = "copy" }, paper ? [5, 10, 15, 20, 25, 30, 35, 40] : [5, 10, 15, 20], [1], [FlossingSchedule.None, FlossingSchedule.Pre], seeds),
            4 => new Grid(n, baseline with { Task = "copy" }, paper ? [10, 20, 30, 40] : [10, 20], [1], [FlossingSchedule.None, FlossingSchedule.Pre, FlossingSchedule.During], seeds),
            _ => new Grid(n, baseline with { Task = "spatial-xor" }, paper ? [10, 20] : [5, 10], paper ? [1, 2, 4, 8, 16, 32] : [1, 4, 16], [FlossingSchedule.Pre], seeds),
        };
    }

    /// <summary>The runs whose training curves are drawn: seed 1 at the longest delay, each schedule.</summary>
    private IEnumerable<(FlossingSchedule Schedule, string Id)> Curves(Grid grid) =>
        number == 5 ? [] : grid.Schedules.Select(schedule => (schedule, $"curve-{schedule.ToString().ToLowerInvariant()}-d{grid.Delays.Max()}"));

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        var grid = Layout(scale);
        var sweep = grid.Sweep;
        var units = grid.Baseline.Epochs;
        return
        [
            .. sweep.Runs.Select(run => new FigureRun(run.Id, units, tick => sweep.RunOne(run, _ => tick()))),
            .. Curves(grid).Select(curve => new FigureRun(curve.Id, units, tick =>
                Trainer.Run(BuiltInCells.Find("vanilla-tanh")!, grid.N, grid.Baseline with { Delay = grid.Delays.Max(), Flossing = curve.Schedule }, _ => tick()))),
        ];
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var grid = Layout(scale);
        var outcomes = grid.Sweep.Runs.Select(run => results.Get<SweepOutcome>(run.Id)).ToList();
        var task = grid.Baseline.Task;
        if (number == 5)
        {
            SweepPlot.WriteAgainstK(outcomes, Path.Combine(folder, "fig5.png"), $"Fig 5: spatial XOR (N = {grid.N}), best test accuracy against the flossed exponents k");
        }
        else
        {
            SweepPlot.Write(outcomes, Path.Combine(folder, $"fig{number}.png"), $"Fig {number}: {task} task (N = {grid.N}), final test loss against the delay");
            var curves = Curves(grid).Select(curve => ($"{curve.Schedule.ToString().ToLowerInvariant()}", results.Get<TrainResult>(curve.Id))).ToList();
            TrainingPlot.Write(curves, Path.Combine(folder, $"fig{number}-curves.png"), $"Fig {number}: training curves at delay {grid.Delays.Max()} (N = {grid.N})");
        }
        var csv = new CsvTable("id", "task", "delay", "k", "schedule", "seed", "finalTestLoss", "finalTestAccuracy", "bestTestAccuracy", "lambda1After", "seconds");
        foreach (var outcome in outcomes)
        {
            csv.Row(outcome.Id, outcome.Task, outcome.Delay, outcome.K, outcome.Schedule, outcome.Seed, outcome.Final.TestLoss, outcome.Final.TestAccuracy,
                outcome.BestTestAccuracy, outcome.Lambda1After, outcome.Seconds);
        }
        csv.Save(Path.Combine(folder, $"fig{number}.csv"));
        JsonOutput.Write(new FileInfo(Path.Combine(folder, $"fig{number}.json")), new { figure = number.ToString(System.Globalization.CultureInfo.InvariantCulture), n = grid.N, runs = outcomes });
    }
}
