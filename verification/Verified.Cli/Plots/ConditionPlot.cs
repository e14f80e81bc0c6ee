using Verified.Precision.Condition;

namespace Verified.Cli.Plots;

/// <summary>κ2 of the long-term Jacobian: numeric (256-bit, solid) against Eq 10 (dashed), by horizon or by m (the paper's Fig 2).</summary>
public static class ConditionPlot
{
    public static void WriteAgainstHorizon(IReadOnlyList<ConditionPoint> points, string path, string title)
    {
        var chart = new Chart(title, "horizon t − τ (steps)", "κ2(T_t Q)", logY: true).Legend(ScottPlot.Alignment.UpperLeft);
        var index = 0;
        foreach (var series in points.GroupBy(point => (point.M, point.Flossed)).OrderBy(group => group.Key.Flossed).ThenBy(group => group.Key.M))
        {
            var colour = Chart.Colour(index++);
            var name = $"m = {series.Key.M}{(series.Key.Flossed ? ", flossed" : "")}";
            var resolved = series.Where(point => point.Resolved).ToList();
            chart.Line(name + ": 256-bit", [.. resolved.Select(point => (double)point.Horizon)], [.. resolved.Select(point => Math.Pow(10, point.Log10KappaNumeric!.Value))], colour, markers: true);
            chart.Line(name + ": Eq 10", [.. series.Select(point => (double)point.Horizon)], [.. series.Select(point => Math.Pow(10, point.Log10KappaEq10))], colour, dashed: true);
        }
        chart.Save(path);
    }

    public static void WriteAgainstM(IReadOnlyList<ConditionPoint> points, int horizon, string path, string title)
    {
        var chart = new Chart(title, "columns m of Q", $"κ2(T_t Q) at t − τ = {horizon}", logY: true).Legend(ScottPlot.Alignment.UpperLeft);
        var index = 0;
        foreach (var series in points.Where(point => point.Horizon == horizon).GroupBy(point => point.Flossed).OrderBy(group => group.Key))
        {
            var colour = Chart.Colour(index++);
            var name = series.Key ? "flossed" : "not flossed";
            var ordered = series.OrderBy(point => point.M).ToList();
            var resolved = ordered.Where(point => point.Resolved).ToList();
            chart.Line(name + ": 256-bit", [.. resolved.Select(point => (double)point.M)], [.. resolved.Select(point => Math.Pow(10, point.Log10KappaNumeric!.Value))], colour, markers: true);
            chart.Line(name + ": Eq 10", [.. ordered.Select(point => (double)point.M)], [.. ordered.Select(point => Math.Pow(10, point.Log10KappaEq10))], colour, dashed: true);
        }
        chart.Save(path);
    }

    /// <summary>Numeric log10 κ2 against Eq 10's, flossed and not, with the diagonal (Fig 2C).</summary>
    public static void WriteNumericAgainstEstimate(IReadOnlyList<ConditionPoint> points, string path, string title)
    {
        var chart = new Chart(title, "log10 κ2 by Eq 10", "log10 κ2, 256-bit").Legend(ScottPlot.Alignment.UpperLeft);
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
}
