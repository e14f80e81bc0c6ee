using Verified.Training;

namespace Verified.Cli.Plots;

/// <summary>
/// A training run against the epochs in three panels, so that no curve hides another: the training
/// batch's loss and the test loss (log axes), and the test accuracy; the epochs that start a
/// flossing episode are marked in each. The first panel carries the title and the legend.
/// </summary>
public static class TrainingPlot
{
    /// <summary>One colour per run in every panel.</summary>
    public static void Write(IReadOnlyList<(string Label, TrainResult Result)> runs, string path, string title) => Curves(runs, title).Save(path, panelHeight: 300);

    /// <summary>The panels of <see cref="Write"/>.</summary>
    public static Panels Curves(IReadOnlyList<(string Label, TrainResult Result)> runs, string title)
    {
        var panels = new (Chart Chart, Func<TrainEpoch, double> Measure)[]
        {
            (new Chart(title, "training epoch", "training loss", logY: true), epoch => epoch.Loss),
            (new Chart("", "training epoch", "test loss", logY: true), epoch => epoch.TestLoss),
            (new Chart("", "training epoch", "test accuracy"), epoch => epoch.TestAccuracy),
        };
        var flossedAt = runs.SelectMany(run => run.Result.FlossingEpisodes.Select(episode => (double)episode.AtEpoch)).Distinct().Order().ToList();
        foreach (var ((chart, measure), panel) in panels.Select((panel, index) => (panel, index)))
        {
            foreach (var ((label, result), index) in runs.Select((run, index) => (run, index)))
            {
                chart.Line(panel == 0 ? label : null, [.. result.History.Select(epoch => (double)epoch.Epoch)], [.. result.History.Select(measure)], Chart.Colour(index));
            }
            if (flossedAt.Count > 0)
            {
                chart.VerticalMarks(panel == 0 ? "a flossing episode starts" : "", flossedAt);
            }
        }
        return new Panels([.. panels.Select(panel => panel.Chart)]);
    }
}
