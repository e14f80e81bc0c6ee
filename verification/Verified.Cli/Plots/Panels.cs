using ScottPlot;
using SkiaSharp;

namespace Verified.Cli.Plots;

/// <summary>
/// Charts stacked in one PNG, one panel each, for quantities whose scales differ too much to share
/// an axis (κ2 at m = 5 and m = 80) or that would hide one another (training and test loss). The
/// first chart carries the common title; the others name their quantity on their y axis. The
/// data areas are aligned, so that a shared x axis reads straight down.
/// </summary>
public sealed class Panels
{
    /// <summary>The charts, top to bottom; at least one.</summary>
    public Panels(IReadOnlyList<Chart> charts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(charts.Count, nameof(charts));
        Charts = charts;
    }

    /// <summary>The panels, top to bottom.</summary>
    public IReadOnlyList<Chart> Charts { get; }

    /// <summary>The number of panels.</summary>
    public int Count => Charts.Count;

    /// <summary>Writes the PNG, <paramref name="panelHeight"/> pixels per panel, through a temporary file and a rename; wider than <paramref name="width"/> where a title needs it.</summary>
    public void Save(string path, int width = 1100, int panelHeight = 330)
    {
        // As wide as the title of any panel needs (Chart.WidthFor).
        width = Charts.Max(chart => chart.WidthFor(width, panelHeight));
        var plots = Charts.Select(chart => chart.Finish()).ToList();
        foreach (var plot in plots)
        {
            plot.RenderInMemory(width, panelHeight);
        }
        var left = plots.Max(plot => plot.LastRender.DataRect.Left);
        var right = plots.Max(plot => width - plot.LastRender.DataRect.Right);
        foreach (var plot in plots)
        {
            plot.Layout.Fixed(new PixelPadding(left, right, plot.LastRender.Padding.Bottom, plot.LastRender.Padding.Top));
        }
        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1))
        {
            multiplot.Subplots.Add(plot);
        }
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        var height = panelHeight * plots.Count;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.White);
        multiplot.Render(surface.Canvas, new PixelRect(new PixelSize(width, height)));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        Verified.Storage.AtomicFile.WriteAllBytes(path, png.AsSpan());
    }
}
