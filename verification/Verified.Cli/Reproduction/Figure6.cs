using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Lyapunov;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Fig 6: flossing other cells, λ1 toward 0 (k = 1, N = 32). The lstm runs autonomously; vanilla-relu
/// at g = 2 with Gaussian input, since at g = 1 its N(−0.1, g²/N) weights silence every unit and the
/// tangent space collapses (λ1 = −∞).
/// </summary>
public sealed class Figure6 : Figure
{
    public override string Name => "fig6";
    public override string Title => "λ1 of lstm and vanilla-relu flossed toward 0";

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        var epochs = scale == Scale.Paper ? 300 : 150;
        return
        [
            Run(scale, "lstm", epochs, tick => FlossingRuns.Run("lstm", 32, 1.0, 1, 0, epochs, InputKind.None, 1, 4, tick)),
            Run(scale, "vanilla-relu", epochs, tick => FlossingRuns.Run("vanilla-relu", 32, 2.0, 1, 0, epochs, InputKind.Gaussian, 1, 4, tick)),
        ];
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var runs = new[] { results.Get<FlossingRun>("lstm"), results.Get<FlossingRun>("vanilla-relu") };
        FlossingPlot.WriteExponents([.. runs.Select(run => ($"{run.Cell} (g = {run.Gain})", run.History))], 0, Path.Combine(folder, "fig6.png"),
            "Fig 6: λ1 of lstm and vanilla-relu flossed toward 0 (N = 32, k = 1)", shownPerRun: 1);
        var csv = new CsvTable("cell", "epoch", "loss", "lambda1");
        foreach (var run in runs)
        {
            foreach (var epoch in run.History)
            {
                csv.Row(run.Cell, epoch.Epoch, epoch.Loss, epoch.Exponents[0]);
            }
        }
        csv.Save(Path.Combine(folder, "fig6.csv"));
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "fig6.json")), new
        {
            figure = "6",
            runs = runs.Select(run => new { run.Cell, run.Gain, lambda1Before = run.Before[0], lambda1After = run.After[0], lambda1 = run.History.Select(epoch => epoch.Exponents[0]) }),
        });
    }
}
