using Verified.Cli.Plots;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Precision.Condition;
using Verified.Randomness;
using Verified.Training;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// What each plot must show to be read at a glance (issue 13), checked on the charts the plot
/// writers build from small real runs: panels where scales differ, a log time axis, a colour and a
/// legend entry per series, integer ticks on an index axis, the bound a check uses, and the legend
/// beside the data rather than over it.
/// </summary>
public sealed class PlotLayoutTests
{
    private static readonly CellLayout Layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(16));

    [Fact]
    public void Spectrum_convergence_has_a_log_step_axis_and_separate_panels_for_the_leading_and_trailing_exponents()
    {
        var theta = ParameterInitialiser.Create(Layout, 1.0, new Rng(1));
        var spectrum = LyapunovSpectrum.Compute(Layout, theta, new SpectrumOptions { K = 16, Steps = 300, Transient = 20, QTransient = 20, RecordEvery = 1 });

        var panels = SpectrumPlot.Convergence(spectrum, "convergence");

        Assert.Equal(2, panels.Count);
        Assert.Equal(["λ₁", "λ₂", "λ₃", "λ₄", "λ₅", "λ₆"], Legend(panels.Charts[0]).Select(text => text.Split(' ')[0]));
        Assert.Equal(["λ₁₁", "λ₁₂", "λ₁₃", "λ₁₄", "λ₁₅", "λ₁₆"], Legend(panels.Charts[1]).Select(text => text.Split(' ')[0]));
        var plot = panels.Charts[0].Finish();
        plot.GetImage(1100, 330);
        var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).Select(tick => tick.Label).ToList();
        Assert.Equal(["1", "2", "5", "10", "20", "50", "100", "200"], labels);
    }

    [Fact]
    public void Flossed_exponents_each_have_a_colour_and_a_legend_entry_of_their_own()
    {
        var chart = FlossingPlot.Exponents([("k = 4", Floss(k: 4))], 0, "flossing");

        var lines = Lines(chart).Where(line => line.LegendText.Length > 0).ToList();
        Assert.Equal(["λ₁", "λ₂", "λ₃", "λ₄"], lines.Select(line => line.LegendText));
        Assert.Equal(4, lines.Select(line => line.Color).Distinct().Count());
        Assert.Contains("target λ* = 0", chart.Texts);
    }

    /// <summary>A few flossing epochs are counted on whole numbers: no tick at epoch 0.2 (three epochs gave −0.2, 0, 0.2, …).</summary>
    [Fact]
    public void Flossing_epochs_are_ticked_at_whole_numbers()
    {
        foreach (var chart in new[] { FlossingPlot.Exponents([("k = 2", Floss(k: 2))], 0, "flossing"), FlossingPlot.Loss([("k = 2", Floss(k: 2))], "loss") })
        {
            var plot = chart.Finish();
            plot.GetImage(1100, 330);
            var labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).Select(tick => tick.Label).ToList();
            Assert.NotEmpty(labels);
            Assert.All(labels, label => Assert.True(int.TryParse(label.Replace('−', '-'), out _), $"tick '{label}'"));
        }
    }

    [Fact]
    public void One_flossed_exponent_per_run_is_named_lambda_one_on_the_axis_as_in_the_title()
    {
        var chart = FlossingPlot.Exponents([("lstm (g = 1)", Floss(k: 1)), ("vanilla-tanh (g = 1)", Floss(k: 1))], 0, "Fig 6: λ1 flossed toward 0", shownPerRun: 1);

        Assert.StartsWith("λ₁ ", chart.Plot.Axes.Left.Label.Text);
        Assert.StartsWith("Fig 6: λ₁ ", chart.Plot.Axes.Title.Label.Text);
        Assert.Equal(["lstm (g = 1)", "vanilla-tanh (g = 1)"], Lines(chart).Where(line => line.LegendText.Length > 0).Select(line => line.LegendText));
    }

    [Fact]
    public void A_spectrum_against_its_index_has_integer_ticks_only()
    {
        var chart = SpectrumPlot.Spectra([("before", [-0.1, -0.2, -0.3, -0.4, -0.5, -0.6, -0.7, -0.8])], "spectrum");

        var plot = chart.Finish();
        plot.GetImage(1100, 560);

        var positions = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).Select(tick => tick.Position).ToList();
        Assert.NotEmpty(positions);
        Assert.All(positions, position => Assert.Equal(Math.Round(position), position));
    }

    [Fact]
    public void Condition_against_the_horizon_has_a_panel_per_m_with_the_finite_time_bound()
    {
        var theta = ParameterInitialiser.Create(Layout, 1.0, new Rng(2));
        var points = ConditionRun.Measure(Layout, theta, new ConditionOptions { M = [2, 8, 16], Horizons = [5, 10], Transient = 10, SpectrumSteps = 200 }, flossed: false);

        var panels = ConditionPlot.AgainstHorizon(points, "κ2");

        Assert.Equal(3, panels.Count);
        Assert.Equal(["κ₂(Tₜ Q), m = 2", "κ₂(Tₜ Q), m = 8", "κ₂(Tₜ Q), m = 16"], panels.Charts.Select(chart => chart.Plot.Axes.Left.Label.Text));
        Assert.All(panels.Charts, chart => Assert.Contains("finite-time bound exp(maxᵢ Sᵢ − minᵢ Sᵢ)", chart.Texts));
        var bound = Lines(panels.Charts[2]).Single(line => line.LegendText.StartsWith("finite-time", StringComparison.Ordinal));
        Assert.Equal(2, bound.Data.GetScatterPoints().Count);
    }

    [Fact]
    public void Training_curves_show_training_loss_test_loss_and_accuracy_in_panels_of_their_own()
    {
        var options = new TrainOptions { Task = "xor", Delay = 2, Steps = 8, Batch = 4, TestBatch = 4, Epochs = 4, EvalEvery = 1 };
        var result = Trainer.Run(BuiltInCells.Find("vanilla-tanh")!, 8, options);

        var panels = TrainingPlot.Curves([("not flossed", result)], "training");

        Assert.Equal(["training loss", "test loss", "test accuracy"], panels.Charts.Select(chart => chart.Plot.Axes.Left.Label.Text));
        Assert.Equal(result.History.Select(epoch => epoch.TestAccuracy), Lines(panels.Charts[2]).Single().Data.GetScatterPoints().Select(point => point.Y));
    }

    [Fact]
    public void The_legend_sits_beside_the_data_never_over_it()
    {
        var chart = SpectrumPlot.Spectra([("before", [-0.1, -0.2]), ("after", [0.0, -0.1])], "spectrum");

        var plot = chart.Finish();

        Assert.False(plot.Legend.IsVisible);
        Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
    }

    /// <summary>
    /// A title wider than the data area a long legend leaves is not cut off at the image's left edge: the image grows
    /// until the title, centred on the data, starts inside it; a short title keeps the image's width.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_long_title_beside_a_long_legend_stays_inside_the_image(bool panels)
    {
        Chart Chart(string title) => new Chart(title, "delay d (steps)", "accuracy")
            .Line("flossing during training at epochs 0, 500, k = 75: median, 20–80 % band, and a long tail", [10, 20, 30], [1, 0.5, 0.5]);
        var longTitle = "Fig 4: spatial XOR of three bits (cross-entropy), k = 75: none, before, during training, and more words";

        var (wide, narrow) = panels
            ? (Saved(path => new Panels([Chart(longTitle), Chart("")]).Save(path)), Saved(path => new Panels([Chart("Fig 4"), Chart("")]).Save(path)))
            : (Saved(path => Chart(longTitle).Save(path)), Saved(path => Chart("Fig 4").Save(path)));

        Assert.Equal(1100, narrow.Width);
        Assert.True(wide.Width > 1100, $"{wide.Width} pixels wide");
        var long_ = Chart(longTitle);
        var plot = long_.Finish();
        plot.RenderInMemory(wide.Width, 560);
        var data = plot.LastRender.DataRect;
        using var paint = ScottPlot.Paint.NewDisposablePaint();
        Assert.True(data.Left + data.Width / 2 - plot.Axes.Title.Label.Measure(paint).Size.Width / 2 >= 0, "the title starts left of the image");
    }

    private static (int Width, int Height) Saved(Action<string> save)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verified-title-{Guid.NewGuid():N}.png");
        try
        {
            save(path);
            var header = File.ReadAllBytes(path).AsSpan(16, 8);
            return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[4..]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<FlossEpoch> Floss(int k)
    {
        var theta = ParameterInitialiser.Create(Layout, 1.0, new Rng(3));
        return Flosser.Run<double>(Layout, theta, new FlossOptions { K = k, Epochs = 3, Steps = 30, Transient = 5, LearningRate = 1e-3 });
    }

    private static IEnumerable<ScottPlot.Plottables.Scatter> Lines(Chart chart) => chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>();

    private static IEnumerable<string> Legend(Chart chart) => Lines(chart).Select(line => line.LegendText).Where(text => text.Length > 0);
}
