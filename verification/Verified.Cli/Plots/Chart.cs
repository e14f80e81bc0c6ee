using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Verified.Cli.Plots;

/// <summary>
/// A line chart with labelled axes and a legend, written to PNG atomically. With a logarithmic y
/// axis, values are plotted as log10 with ticks labelled 1e±k and minor ticks at 2…9 × 10^k, so that
/// data spanning decades reads as it should; non-positive values are left out of a logarithmic axis.
/// </summary>
public sealed class Chart
{
    private readonly Plot _plot = new();
    private readonly bool _logY;
    private Alignment _legend = Alignment.UpperRight;
    private double _lowest = double.PositiveInfinity, _highest = double.NegativeInfinity;

    public Chart(string title, string xLabel, string yLabel, bool logY = false)
    {
        _logY = logY;
        _plot.Title(title);
        _plot.Axes.Bottom.Label.Text = xLabel;
        _plot.Axes.Left.Label.Text = yLabel;
    }

    /// <summary>The colour of the i-th series, so that related series (numeric and estimate) can share one.</summary>
    public static Color Colour(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    public Chart Line(string? label, IReadOnlyList<double> x, IReadOnlyList<double> y, Color? colour = null, bool dashed = false, bool markers = false)
    {
        var (xs, ys) = Filter(x, y);
        var line = _plot.Add.Scatter(xs, ys);
        line.LegendText = label ?? "";
        line.LineWidth = 2;
        line.MarkerSize = markers ? 6 : 0;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        if (colour is { } chosen)
        {
            line.Color = chosen;
        }
        return this;
    }

    /// <summary>A thin, faint line without a legend entry: one run among many.</summary>
    public Chart Faint(IReadOnlyList<double> x, IReadOnlyList<double> y, Color colour)
    {
        var (xs, ys) = Filter(x, y);
        var line = _plot.Add.Scatter(xs, ys);
        line.LineWidth = 1;
        line.MarkerSize = 0;
        line.Color = colour.WithAlpha(0.25);
        return this;
    }

    /// <summary>A shaded band between <paramref name="lower"/> and <paramref name="upper"/> (a percentile range).</summary>
    public Chart Band(string? label, IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper, Color colour)
    {
        var (xs, low) = Filter(x, lower);
        var (highXs, high) = Filter(x, upper);
        if (xs.Length == 0 || !xs.SequenceEqual(highXs))
        {
            return this;
        }
        var band = _plot.Add.FillY(xs, low, high);
        band.FillColor = colour.WithAlpha(0.2);
        band.LineColor = colour.WithAlpha(0);
        band.LegendText = label ?? "";
        return this;
    }

    public Chart Points(string? label, IReadOnlyList<double> x, IReadOnlyList<double> y, Color? colour = null)
    {
        var (xs, ys) = Filter(x, y);
        var points = _plot.Add.ScatterPoints(xs, ys);
        points.LegendText = label ?? "";
        points.MarkerSize = 7;
        if (colour is { } chosen)
        {
            points.Color = chosen;
        }
        return this;
    }

    /// <summary>Dashed grey vertical lines at <paramref name="xs"/> (for instance the epochs that start a flossing episode).</summary>
    public Chart VerticalMarks(string label, IEnumerable<double> xs)
    {
        var first = true;
        foreach (var x in xs)
        {
            var mark = _plot.Add.VerticalLine(x);
            mark.LinePattern = LinePattern.Dashed;
            mark.Color = Colors.Gray;
            mark.LegendText = first ? label : "";
            first = false;
        }
        return this;
    }

    /// <summary>A dotted black vertical line at a delay or level the paper's text names.</summary>
    public Chart VerticalMark(string label, double x, Color? colour = null)
    {
        var mark = _plot.Add.VerticalLine(x);
        mark.LinePattern = LinePattern.Dotted;
        mark.Color = colour ?? Colors.Black;
        mark.LegendText = label;
        return this;
    }

    public Chart HorizontalMark(string label, double y, Color? colour = null)
    {
        var mark = _plot.Add.HorizontalLine(_logY ? Math.Log10(y) : y);
        mark.LinePattern = LinePattern.Dotted;
        mark.Color = colour ?? Colors.Black;
        mark.LegendText = label;
        return this;
    }

    /// <summary>Where the legend sits (upper right unless the data lives there).</summary>
    public Chart Legend(Alignment corner)
    {
        _legend = corner;
        return this;
    }

    /// <summary>Writes the PNG through a temporary file in the same folder, then a rename.</summary>
    public void Save(string path, int width = 900, int height = 560)
    {
        _plot.ShowLegend(_legend);
        if (_logY)
        {
            // Ticks at whole decades (1e−3, 1e−2, …) when the data spans two or more; within a narrower range the values themselves.
            var decades = _highest - _lowest >= 2;
            _plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = decades,
                LabelFormatter = exponent => decades
                    ? "1e" + exponent.ToString("0", CultureInfo.InvariantCulture)
                    : Math.Pow(10, exponent).ToString("G3", CultureInfo.InvariantCulture),
            };
        }
        Verified.IO.AtomicFile.WriteAllBytes(path, _plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    private (double[] X, double[] Y) Filter(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var kept = Enumerable.Range(0, Math.Min(x.Count, y.Count))
            .Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i]) && (!_logY || y[i] > 0))
            .ToList();
        var ys = kept.Select(i => _logY ? Math.Log10(y[i]) : y[i]).ToArray();
        if (ys.Length > 0)
        {
            (_lowest, _highest) = (Math.Min(_lowest, ys.Min()), Math.Max(_highest, ys.Max()));
        }
        return (kept.Select(i => x[i]).ToArray(), ys);
    }
}
