using Verified.Precision.Condition;

namespace Verified.Cli.Plots;

/// <summary>
/// κ2 of the long-term Jacobian: numeric (256-bit, solid) against Eq 10 (dashed) and the
/// finite-time lower bound exp(max_i S_i − min_i S_i) (dotted), by horizon or by m (the paper's Fig 2).
/// </summary>
public static class ConditionPlot
{
    /// <summary>κ2 against the horizon, one panel per m, so that a large m's scale does not flatten a small one's.</summary>
    public static void WriteAgainstHorizon(IReadOnlyList<ConditionPoint> points, string path, string title)
    {
        var panels = AgainstHorizon(points, title);
        panels.Save(path, panelHeight: panels.Count == 1 ? 560 : 330);
    }

    /// <summary>The panels of <see cref="WriteAgainstHorizon"/>.</summary>
    public static Panels AgainstHorizon(IReadOnlyList<ConditionPoint> points, string title)
    {
        var charts = new List<Chart>();
        foreach (var m in points.Select(point => point.M).Distinct().Order())
        {
            var chart = new Chart(charts.Count == 0 ? title : "", "horizon t − τ (steps)", $"κ_2(T_t Q), m = {m}", logY: true);
            var index = 0;
            foreach (var series in points.Where(point => point.M == m).GroupBy(point => point.Flossed).OrderBy(group => group.Key))
            {
                var name = series.Key ? "flossed" : points.Any(point => point.Flossed) ? "not flossed" : "";
                Series(chart, name, [.. series.OrderBy(point => point.Horizon)], point => point.Horizon, Chart.Colour(index++));
            }
            charts.Add(chart);
        }
        return new Panels(charts);
    }

    /// <summary>κ2 against m at one horizon, flossed and not.</summary>
    public static void WriteAgainstM(IReadOnlyList<ConditionPoint> points, int horizon, string path, string title)
    {
        var chart = new Chart(title, "columns m of Q", $"κ_2(T_t Q) at t − τ = {horizon}", logY: true).IntegerX();
        var index = 0;
        foreach (var series in points.Where(point => point.Horizon == horizon).GroupBy(point => point.Flossed).OrderBy(group => group.Key))
        {
            Series(chart, series.Key ? "flossed" : "not flossed", [.. series.OrderBy(point => point.M)], point => point.M, Chart.Colour(index++));
        }
        chart.Save(path);
    }

    /// <summary>Numeric log10 κ2 against Eq 10's, flossed and not, with the diagonal (Fig 2C).</summary>
    public static void WriteNumericAgainstEstimate(IReadOnlyList<ConditionPoint> points, string path, string title)
    {
        var chart = new Chart(title, "log10 κ_2 by Eq 10", "log10 κ_2, 256-bit");
        var resolved = points.Where(point => point.Resolved).ToList();
        foreach (var (flossed, index) in new[] { (false, 0), (true, 1) })
        {
            var group = resolved.Where(point => point.Flossed == flossed).ToList();
            chart.Points(flossed ? "flossed" : "not flossed", [.. group.Select(point => point.Log10KappaEq10)], [.. group.Select(point => point.Log10KappaNumeric!.Value)], Chart.Colour(index));
        }
        var top = resolved.Select(point => Math.Max(point.Log10KappaEq10, point.Log10KappaNumeric!.Value)).DefaultIfEmpty(1).Max();
        chart.Line("numeric = Eq 10", [0, top], [0, top], ScottPlot.Colors.Gray, dashed: true);
        chart.Save(path);
    }

    /// <summary>One group of points in one colour: numeric where resolved (solid, markers), Eq 10 (dashed) and the finite-time bound (dotted).</summary>
    private static void Series(Chart chart, string name, IReadOnlyList<ConditionPoint> ordered, Func<ConditionPoint, int> x, ScottPlot.Color colour)
    {
        var prefix = name.Length == 0 ? "" : name + ": ";
        var resolved = ordered.Where(point => point.Resolved).ToList();
        chart.Line(prefix + "256-bit", [.. resolved.Select(point => (double)x(point))], [.. resolved.Select(point => Math.Pow(10, point.Log10KappaNumeric!.Value))], colour, markers: true);
        chart.Line(prefix + "Eq 10, exp((λ_1 − λ_m)(t − τ))", [.. ordered.Select(point => (double)x(point))], [.. ordered.Select(point => Math.Pow(10, point.Log10KappaEq10))], colour, dashed: true);
        chart.Line(prefix + "finite-time bound exp(max_i S_i − min_i S_i)", [.. ordered.Select(point => (double)x(point))], [.. ordered.Select(point => Math.Pow(10, point.Log10KappaFiniteTime))], colour,
            pattern: ScottPlot.LinePattern.Dotted);
    }
}
