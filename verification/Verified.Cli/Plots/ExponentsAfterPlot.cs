using ScottPlot;
using Verified.Cli.Reproduction;
using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Plots;

/// <summary>
/// The paper's Fig 13: λ1 and λ10 of the trained networks against the delay, without flossing and with flossing during
/// training (every schedule and horizon of the panel together, as rules C13.1 and C13.2 pool them; preflossed networks are
/// in neither), each network a point coloured by its final test accuracy (red trained, above 0.8; purple between; blue at
/// chance, 0.6 or below), with the paper's empirical fit −0.2 e^(−0.03 d) (appendix D.3) dashed on the flossed panels.
/// </summary>
public static class ExponentsAfterPlot
{
    /// <summary>Whether <paramref name="results"/> hold networks flossed during training whose exponents were kept: what the figure is about.</summary>
    public static bool Applies(IReadOnlyList<SweepResult> results) =>
        results.Any(result => result.Run.Options.Flossing == FlossingSchedule.During && result.Outcome.ExponentsAfter is { Length: >= 10 });

    public static void Write(IReadOnlyList<SweepResult> results, string path, string title)
    {
        var kept = results.Where(result => result.Outcome.ExponentsAfter is { Length: >= 10 }).ToList();
        var charts = new List<Chart>();
        foreach (var (index, name) in new[] { (0, "λ1"), (9, "λ10") })
        {
            foreach (var flossed in new[] { false, true })
            {
                var chart = new Chart(charts.Count == 0 ? title : "", "delay d", $"{name} per step, {(flossed ? "flossed during" : "no flossing")}").IntegerX();
                var runs = kept.Where(result => result.Run.Options.Flossing == (flossed ? FlossingSchedule.During : FlossingSchedule.None)).ToList();
                foreach (var (legend, colour, low, high) in Classes)
                {
                    var inClass = runs.Where(result => result.Outcome.Final.TestAccuracy > low && result.Outcome.Final.TestAccuracy <= high).ToList();
                    chart.Points($"{legend} ({inClass.Count})", [.. inClass.Select(result => (double)result.Run.Options.Delay)],
                        [.. inClass.Select(result => result.Outcome.ExponentsAfter![index])], colour);
                }
                if (flossed && runs.Count > 0)
                {
                    // Over the delays run, so that every panel shares their x range.
                    var (first, last) = (kept.Min(result => result.Run.Options.Delay), kept.Max(result => result.Run.Options.Delay));
                    var delays = Enumerable.Range(first, last - first + 1).Select(d => (double)d).ToList();
                    chart.Line("−0.2 exp(−0.03 d) (appendix D.3)", delays, [.. delays.Select(PaperClaims.Fig13Fit)], Colors.Black, dashed: true);
                }
                charts.Add(chart);
            }
        }
        new Panels(charts).Save(path, panelHeight: 300);
    }

    /// <summary>Final test accuracy classes: (legend, colour, above, at most).</summary>
    private static readonly (string Legend, Color Colour, double Above, double AtMost)[] Classes =
    [
        ("trained, accuracy > 0.8", Colors.Red, 0.8, double.PositiveInfinity),
        ("accuracy 0.6–0.8", Colors.Purple, 0.6, 0.8),
        ("at chance, accuracy ≤ 0.6", Colors.Blue, double.NegativeInfinity, 0.6),
    ];
}
