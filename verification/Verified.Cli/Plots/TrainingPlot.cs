using Verified.Training;

namespace Verified.Cli.Plots;

/// <summary>Training and test loss against the epochs (log axis), with the epochs that start a flossing episode marked.</summary>
public static class TrainingPlot
{
    public static void Write(IReadOnlyList<(string Label, TrainResult Result)> runs, string path, string title)
    {
        var chart = new Chart(title, "training epoch", "loss", logY: true);
        var index = 0;
        var flossedAt = new SortedSet<int>();
        foreach (var (label, result) in runs)
        {
            var colour = Chart.Colour(index++);
            var epochs = result.History.Select(epoch => (double)epoch.Epoch).ToArray();
            chart.Line(label + ": test", epochs, [.. result.History.Select(epoch => epoch.TestLoss)], colour);
            chart.Line(label + ": training", epochs, [.. result.History.Select(epoch => epoch.Loss)], colour, dashed: true);
            flossedAt.UnionWith(result.FlossingEpisodes.Select(episode => episode.AtEpoch));
        }
        if (flossedAt.Count > 0)
        {
            chart.VerticalMarks("a flossing episode starts", flossedAt.Select(epoch => (double)epoch));
        }
        chart.Save(path);
    }
}
