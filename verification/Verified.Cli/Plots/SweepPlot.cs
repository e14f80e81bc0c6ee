using ScottPlot;
using Verified.Cli.Reproduction;
using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Plots;

/// <summary>
/// Training sweeps: a measure against the delay (or k) with the median as a line, the 20–80 % percentile
/// band around it and a dot per run, one colour per schedule, and the mean (which the paper plots) as a
/// separate open diamond that may lie outside the band when a few runs fail; training curves with the median and every
/// run faintly; and the delays and levels the paper's text names. Legends and axis labels say which is which.
/// </summary>
public static class SweepPlot
{
    private static readonly Color[] ReferenceColours = [Colors.Black, Colors.DarkRed, Colors.DimGray, Colors.DarkGreen];

    /// <summary>The final test loss (log axis) or accuracy against the delay.</summary>
    public static void WriteAgainstDelay(IReadOnlyList<SweepResult> results, PanelMeasure measure, IReadOnlyList<Reference> references, string path, string title)
    {
        var loss = measure == PanelMeasure.TestLoss;
        var chart = new Chart(title, "delay d (steps)", (loss ? "final test loss" : "final test accuracy") + Summary, logY: loss).IntegerX();
        var index = 0;
        foreach (var group in Series(results, title))
        {
            var colour = Chart.Colour(index++);
            var runs = group.ToList();
            chart.Points(null, [.. runs.Select(result => (double)result.Run.Options.Delay)], [.. runs.Select(result => Value(result, measure))], colour);
            var byDelay = runs.GroupBy(result => result.Run.Options.Delay).OrderBy(delay => delay.Key).ToList();
            var x = byDelay.Select(delay => (double)delay.Key).ToList();
            var values = byDelay.Select(delay => delay.Select(result => Value(result, measure)).ToList()).ToList();
            Summarise(chart, group.Key, x, values, colour);
        }
        Mark(chart, references, results, measure);
        chart.Save(path);
    }

    /// <summary>The final test accuracy against the number of flossed exponents k, one colour per delay; the runs without flossing as a level per delay.</summary>
    public static void WriteAgainstK(IReadOnlyList<SweepResult> results, IReadOnlyList<Reference> references, string path, string title)
    {
        var chart = new Chart(title, "flossed exponents k", "final test accuracy" + Summary).IntegerX();
        var index = 0;
        foreach (var delay in results.GroupBy(result => result.Run.Options.Delay).OrderBy(group => group.Key))
        {
            var colour = Chart.Colour(index++);
            var flossed = delay.Where(result => result.Run.Options.Flossing != FlossingSchedule.None).ToList();
            var byK = flossed.GroupBy(result => result.Run.Options.FlossK).OrderBy(group => group.Key).ToList();
            var x = byK.Select(group => (double)group.Key).ToList();
            var values = byK.Select(group => group.Select(result => result.Outcome.Final.TestAccuracy).ToList()).ToList();
            chart.Points(null, [.. flossed.Select(result => (double)result.Run.Options.FlossK)], [.. flossed.Select(result => result.Outcome.Final.TestAccuracy)], colour);
            Summarise(chart, $"d = {delay.Key}, flossed during training", x, values, colour);
            if (delay.Where(result => result.Run.Options.Flossing == FlossingSchedule.None).Select(result => result.Outcome.Final.TestAccuracy).ToList() is { Count: > 0 } none)
            {
                chart.HorizontalMark($"d = {delay.Key}, no flossing (median)", Statistics.Percentile(none, 0.5), colour);
            }
        }
        Mark(chart, [.. references.Where(reference => reference.Delay is null)], [], PanelMeasure.TestAccuracy);
        chart.Save(path);
    }

    /// <summary>Training curves of one delay: test loss against the epoch, the median of each schedule and every run faintly, flossing episodes marked.</summary>
    public static void WriteCurves(IReadOnlyList<SweepResult> results, string path, string title)
    {
        title += SharedClauses(results);
        var chart = new Chart(title, "training epoch", "test loss: median, faint: each run", logY: true);
        var index = 0;
        var episodes = new SortedSet<int>();
        foreach (var group in Series(results, title))
        {
            var colour = Chart.Colour(index++);
            var runs = group.ToList();
            foreach (var run in runs)
            {
                chart.Faint([.. run.Outcome.History.Select(epoch => (double)epoch.Epoch)], [.. run.Outcome.History.Select(epoch => epoch.TestLoss)], colour);
                episodes.UnionWith(run.Outcome.FlossingEpisodes.Where(episode => run.Run.Options.Flossing == FlossingSchedule.During).Select(episode => episode.AtEpoch));
            }
            var epochs = runs[0].Outcome.History.Select(epoch => epoch.Epoch).ToList();
            var median = epochs.Select((_, i) => Statistics.Percentile([.. runs.Where(run => run.Outcome.History.Count > i).Select(run => run.Outcome.History[i].TestLoss)], 0.5)).ToList();
            chart.Line(group.Key + (runs.Count == 1 ? " (1 run)" : $" ({runs.Count} runs)"), [.. epochs.Select(epoch => (double)epoch)], median, colour);
        }
        if (episodes.Count > 0)
        {
            chart.VerticalMarks("a flossing episode during training", episodes.Select(epoch => (double)epoch));
        }
        chart.Save(path);
    }

    /// <summary>What the axis of a measure adds to its name; the legend says which mark is the median and which the mean.</summary>
    private const string Summary = " (a dot per run)";

    /// <summary>One series' runs at each x: the median as a line with the 20–80 % band around it, and the mean as a separate open diamond.</summary>
    private static void Summarise(Chart chart, string label, IReadOnlyList<double> x, IReadOnlyList<List<double>> values, Color colour)
    {
        chart.Band(null, x, [.. values.Select(v => Statistics.Percentile(v, 0.2))], [.. values.Select(v => Statistics.Percentile(v, 0.8))], colour);
        chart.Line(label + ": median, 20–80 % band", x, [.. values.Select(v => Statistics.Percentile(v, 0.5))], colour, markers: true);
        chart.Points(label + ": mean", x, [.. values.Select(v => v.Average())], colour, MarkerShape.OpenDiamond, size: 11);
    }

    /// <summary>
    /// One series per arm (<see cref="RunArm"/>) and k, in a fixed order, each named by its legend without the trailing
    /// clauses (", orthogonal W") that every series shares when <paramref name="title"/> says them: the legend leaves the data room.
    /// </summary>
    private static IEnumerable<IGrouping<string, SweepResult>> Series(IReadOnlyList<SweepResult> results, string title)
    {
        var shared = SharedClauses(results);
        shared = title.Contains(shared[Math.Min(2, shared.Length)..], StringComparison.Ordinal) ? shared : "";
        return results.OrderBy(result => result.Run.Options.Flossing).ThenBy(result => result.Run.Options.FlossK).ThenBy(result => RunArm.Key(result.Run.Options), StringComparer.Ordinal)
            .GroupBy(result => RunArm.Legend(result.Run.Options)[..^shared.Length]);
    }

    /// <summary>The trailing ", …" clauses of the legend that every one of two or more series ends with ("" if none).</summary>
    private static string SharedClauses(IReadOnlyList<SweepResult> results)
    {
        var legends = results.Select(result => RunArm.Legend(result.Run.Options)).Distinct().ToList();
        if (legends.Count < 2)
        {
            return "";
        }
        var shared = "";
        var clauses = legends[0].Split(", ");
        for (var count = 1; count < clauses.Length; count++)
        {
            var tail = ", " + string.Join(", ", clauses[^count..]);
            if (!legends.All(legend => legend.EndsWith(tail, StringComparison.Ordinal) && legend.Length > tail.Length))
            {
                break;
            }
            shared = tail;
        }
        return shared;
    }

    private static double Value(SweepResult result, PanelMeasure measure) =>
        measure == PanelMeasure.TestLoss ? result.Outcome.Final.TestLoss : result.Outcome.Final.TestAccuracy;

    private static void Mark(Chart chart, IReadOnlyList<Reference> references, IReadOnlyList<SweepResult> results, PanelMeasure measure)
    {
        foreach (var (reference, i) in references.Select((reference, i) => (reference, i)))
        {
            var colour = ReferenceColours[i % ReferenceColours.Length];
            if (reference.Delay is { } delay)
            {
                chart.VerticalMark(reference.Label, delay, colour);
            }
            if (reference.Level is { } level)
            {
                chart.HorizontalMark(reference.Label, level, colour);
            }
        }
        if (measure != PanelMeasure.TestLoss)
        {
            return;
        }
        // One line per chance level: the copy task on bits has another (1/4) than on x ~ U(0, 1) (1/12).
        var chances = results.Select(result => Statistics.ChanceLoss(result.Run.Options)).OfType<double>().Distinct().Order().ToList();
        Color[] chanceColours = [Colors.Gray, Colors.SaddleBrown];
        foreach (var (chance, i) in chances.Select((chance, i) => (chance, i)))
        {
            chart.HorizontalMark(chances.Count == 1 ? "chance: predicting the mean" : $"chance: predicting the mean ({chance.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)})", chance,
                chanceColours[i % chanceColours.Length]);
        }
    }
}
