using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Precision.Condition;
using Verified.Random;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Fig 2: the condition number of the long-term Jacobian of vanilla-tanh (N = 80, g = 1,
/// autonomous) at 256 bits against Eq 10, before and after flossing 15 exponents. A: κ2 against
/// the horizon (m = 15). B: κ2 against m. C: numeric against the estimate.
/// </summary>
public sealed class Figure2 : Figure
{
    public override string Name => "fig2";
    public override string Title => "κ2 of the long-term Jacobian at 256 bits against Eq 10, flossed and not";

    private static ConditionOptions Options(Scale scale) => scale == Scale.Paper
        ? new ConditionOptions { M = [1, 2, 5, 10, 15, 20, 30, 40, 60, 80], Horizons = [.. Enumerable.Range(1, 15).Select(i => 10 * i)] }
        : new ConditionOptions { M = [2, 5, 10, 15, 20, 30], Horizons = [.. Enumerable.Range(1, 8).Select(i => 10 * i)] };

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        var flossEpochs = scale == Scale.Paper ? 500 : 300;
        return
        [
            Run(scale, "not-flossed", 1, tick => ConditionRun.Measure(Layout, Theta(), Options(scale), flossed: false)),
            Run(scale, "flossed-k15", flossEpochs + 1, tick =>
            {
                var theta = Theta();
                Flosser.Run<double>(Layout, theta, new FlossOptions
                {
                    K = 15, Epochs = flossEpochs, Steps = 300, Transient = 50, LearningRate = 3e-3, Input = InputKind.None, Seed = 5,
                }, _ => tick());
                return ConditionRun.Measure(Layout, theta, Options(scale), flossed: true);
            }),
        ];
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var points = results.Get<IReadOnlyList<ConditionPoint>>("not-flossed").Concat(results.Get<IReadOnlyList<ConditionPoint>>("flossed-k15")).ToList();
        ConditionPlot.WriteAgainstHorizon([.. points.Where(point => point.M == 15)], Path.Combine(folder, "fig2a.png"),
            "Fig 2A: κ2 against the horizon (m = 15), flossed k = 15 and not");
        var longest = points.Where(point => point.Resolved).Max(point => point.Horizon);
        var horizon = points.Where(point => point.Horizon <= 50).Max(point => point.Horizon);
        ConditionPlot.WriteAgainstM(points, horizon, Path.Combine(folder, "fig2b.png"), $"Fig 2B: κ2 against m at horizon {horizon}");
        ConditionPlot.WriteNumericAgainstEstimate(points, Path.Combine(folder, "fig2c.png"), "Fig 2C: numeric κ2 (256-bit) against Eq 10");
        var csv = new CsvTable("m", "horizon", "flossed", "resolved", "log10KappaNumeric", "log10KappaEq10", "log10KappaFiniteTime");
        foreach (var point in points)
        {
            csv.Row(point.M, point.Horizon, point.Flossed, point.Resolved, point.Log10KappaNumeric ?? double.NaN, point.Log10KappaEq10, point.Log10KappaFiniteTime);
        }
        csv.Save(Path.Combine(folder, "fig2.csv"));
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "fig2.json")), new { figure = "2", cell = "vanilla-tanh", n = 80, longestResolvedHorizon = longest, points });
    }

    private static readonly CellLayout Layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(80));

    private static double[] Theta() => ParameterInitializer.Create(Layout, 1.0, new Rng(1));
}
