using ScottPlot;
using ScottPlot.TickGenerators;

namespace Verified.Cli.Plots;

/// <summary>
/// A line chart with labelled axes and a legend beside the data (never over it), written to PNG
/// atomically. Every title, axis label and legend entry is rendered by <see cref="MathText"/>, so
/// that λ_i reads λᵢ. On a logarithmic axis values are plotted as log10 with ticks from
/// <see cref="LogTicks"/> (10⁻³, 10⁻², … or 0.002, 0.005, 0.01, …); non-positive values are left
/// out of a logarithmic axis.
/// </summary>
public sealed class Chart
{
    private readonly bool _logX, _logY;
    private readonly List<string> _texts = [];
    private bool _integerX, _legendEntries;

    /// <summary>A chart titled <paramref name="title"/> (may be empty for a panel under a common title).</summary>
    public Chart(string title, string xLabel, string yLabel, bool logY = false, bool logX = false)
    {
        (_logX, _logY) = (logX, logY);
        Plot.Title(Text(title));
        Plot.Axes.Bottom.Label.Text = Text(xLabel);
        Plot.Axes.Left.Label.Text = Text(yLabel);
    }

    /// <summary>The ScottPlot plot behind the chart.</summary>
    public Plot Plot { get; } = new();

    /// <summary>Every text the chart shows (title, axis labels, legend entries), as rendered.</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>The colour of the i-th series, so that related series (numeric and estimate) can share one.</summary>
    public static Color Colour(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>A line through the points, labelled in the legend unless <paramref name="label"/> is null.</summary>
    public Chart Line(string? label, IReadOnlyList<double> x, IReadOnlyList<double> y, Color? colour = null, bool dashed = false, bool markers = false,
        LinePattern? pattern = null, float width = 2)
    {
        var (xs, ys) = Filter(x, y);
        var line = Plot.Add.Scatter(xs, ys);
        line.LegendText = Legend(label);
        line.LineWidth = width;
        line.MarkerSize = markers ? 6 : 0;
        line.LinePattern = pattern ?? (dashed ? LinePattern.Dashed : LinePattern.Solid);
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
        var line = Plot.Add.Scatter(xs, ys);
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
        var band = Plot.Add.FillY(xs, low, high);
        band.FillColor = colour.WithAlpha(0.2);
        band.LineColor = colour.WithAlpha(0);
        band.LegendText = Legend(label);
        return this;
    }

    /// <summary>Markers without a line: filled circles of size 7 unless <paramref name="shape"/> and <paramref name="size"/> say otherwise.</summary>
    public Chart Points(string? label, IReadOnlyList<double> x, IReadOnlyList<double> y, Color? colour = null, MarkerShape shape = MarkerShape.FilledCircle, float size = 7)
    {
        var (xs, ys) = Filter(x, y);
        var points = Plot.Add.ScatterPoints(xs, ys);
        points.LegendText = Legend(label);
        points.MarkerSize = size;
        points.MarkerShape = shape;
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
            var mark = Plot.Add.VerticalLine(_logX ? Math.Log10(x) : x);
            mark.LinePattern = LinePattern.Dashed;
            mark.Color = Colors.Gray;
            mark.LegendText = first ? Legend(label) : "";
            first = false;
        }
        return this;
    }

    /// <summary>A dotted vertical line at a delay or level the paper's text names.</summary>
    public Chart VerticalMark(string label, double x, Color? colour = null)
    {
        var mark = Plot.Add.VerticalLine(_logX ? Math.Log10(x) : x);
        mark.LinePattern = LinePattern.Dotted;
        mark.Color = colour ?? Colors.Black;
        mark.LegendText = Legend(label);
        return this;
    }

    /// <summary>A dotted horizontal reference line (a target, a level).</summary>
    public Chart HorizontalMark(string label, double y, Color? colour = null)
    {
        var mark = Plot.Add.HorizontalLine(_logY ? Math.Log10(y) : y);
        mark.LinePattern = LinePattern.Dotted;
        mark.LineWidth = 2;
        mark.Color = colour ?? Colors.Black;
        mark.LegendText = Legend(label);
        return this;
    }

    /// <summary>Ticks only at integers on the x axis (an index, a count).</summary>
    public Chart IntegerX()
    {
        _integerX = true;
        return this;
    }

    /// <summary>Writes the PNG through a temporary file in the same folder, then a rename; wider than <paramref name="width"/> where the title needs it (<see cref="WidthFor"/>).</summary>
    public void Save(string path, int width = 1100, int height = 560) =>
        Verified.Storage.AtomicFile.WriteAllBytes(path, Finish().GetImageBytes(WidthFor(width, height), height, ImageFormat.Png));

    /// <summary>The title's size in the font it is drawn in.</summary>
    private MeasuredText Title()
    {
        using var paint = Paint.NewDisposablePaint();
        return Plot.Axes.Title.Label.Measure(paint);
    }

    /// <summary>Pixels between the title and the image's left edge at the least.</summary>
    private const int TitleMargin = 8;

    /// <summary>
    /// <paramref name="width"/>, or more where the title would start left of the image: ScottPlot centres the title on
    /// the data area, and a legend beside the data narrows that area until a long title is cut off on the left. The
    /// data area grows with the image, its centre by half as much, so the image grows by twice the overflow.
    /// </summary>
    internal int WidthFor(int width, int height)
    {
        Finish().RenderInMemory(width, height);
        var data = Plot.LastRender.DataRect;
        var titleLeft = data.Left + data.Width / 2 - Title().Size.Width / 2;
        return titleLeft >= TitleMargin ? width : width + (int)Math.Ceiling(2 * (TitleMargin - titleLeft));
    }

    /// <summary>The plot with its legend and ticks in place, ready to render on its own or as a panel.</summary>
    public Plot Finish()
    {
        if (_legendEntries && !Plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any())
        {
            Plot.ShowLegend(Edge.Right);
        }
        Plot.Axes.AutoScale();
        var limits = Plot.Axes.GetLimits();
        Plot.Axes.Left.TickGenerator = _logY ? Manual(LogTicks.Between(limits.Bottom, limits.Top)) : Linear(integers: false);
        Plot.Axes.Bottom.TickGenerator = _logX ? Manual(LogTicks.Between(limits.Left, limits.Right)) : Linear(_integerX);
        return Plot;
    }

    /// <summary>ScottPlot's automatic ticks, negative labels signed with a minus (−0.5) as in the rest of the text.</summary>
    private static NumericAutomatic Linear(bool integers)
    {
        var automatic = new NumericAutomatic { IntegerTicksOnly = integers };
        var format = automatic.LabelFormatter;
        automatic.LabelFormatter = value => format(value).Replace('-', '−');
        return automatic;
    }

    private static NumericManual Manual(IReadOnlyList<LogTicks.Tick> ticks)
    {
        var manual = new NumericManual();
        foreach (var tick in ticks)
        {
            if (tick.Label is { } label)
            {
                manual.AddMajor(tick.Position, label);
            }
            else
            {
                manual.AddMinor(tick.Position);
            }
        }
        return manual;
    }

    private string Text(string text)
    {
        var rendered = MathText.Render(text);
        _texts.Add(rendered);
        return rendered;
    }

    private string Legend(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return "";
        }
        _legendEntries = true;
        return Text(label);
    }

    private (double[] X, double[] Y) Filter(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var kept = Enumerable.Range(0, Math.Min(x.Count, y.Count))
            .Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i]) && (!_logX || x[i] > 0) && (!_logY || y[i] > 0))
            .ToList();
        return ([.. kept.Select(i => _logX ? Math.Log10(x[i]) : x[i])], [.. kept.Select(i => _logY ? Math.Log10(y[i]) : y[i])]);
    }
}
