using Verified.Training;

namespace Verified.Cli.Plots;

/// <summary>A sweep's final test loss against the delay, one colour per schedule (every seed a marker, the mean a line).</summary>
public static class SweepPlot
{
    public static void Write(IReadOnlyList<SweepOutcome> outcomes, string path, string? title = null)
    {
        var task = outcomes.FirstOrDefault()?.Task ?? "";
        var chart = new Chart(title ?? $"{task}: final test loss against the delay", "delay d (steps)", "final test loss", logY: true);
        var index = 0;
        foreach (var group in outcomes.GroupBy(outcome => (outcome.Schedule, outcome.K)).OrderBy(group => group.Key.Schedule).ThenBy(group => group.Key.K))
        {
            var colour = Chart.Colour(index++);
            var label = group.Key.Schedule == "none" ? "no flossing" : $"{group.Key.Schedule}-flossing, k = {group.Key.K}";
            chart.Points(null, [.. group.Select(outcome => (double)outcome.Delay)], [.. group.Select(outcome => outcome.Final.TestLoss)], colour);
            var means = group.GroupBy(outcome => outcome.Delay).OrderBy(delay => delay.Key).ToList();
            chart.Line(label + " (mean; markers: seeds)", [.. means.Select(delay => (double)delay.Key)], [.. means.Select(delay => delay.Average(outcome => outcome.Final.TestLoss))], colour);
        }
        // Chance: predicting the mean of U(0, 1) (MSE 1/12) for the copy task, a coin (cross-entropy ln 2) for the XOR tasks.
        chart.HorizontalMark("chance level", task == "copy" ? 1.0 / 12 : Math.Log(2));
        chart.Save(path);
    }

    /// <summary>Best test accuracy against the number of flossed exponents k, one line per delay (the paper's Fig 5).</summary>
    public static void WriteAgainstK(IReadOnlyList<SweepOutcome> outcomes, string path, string title)
    {
        var chart = new Chart(title, "flossed exponents k", "best test accuracy").Legend(ScottPlot.Alignment.LowerRight);
        var index = 0;
        foreach (var delay in outcomes.GroupBy(outcome => outcome.Delay).OrderBy(group => group.Key))
        {
            var colour = Chart.Colour(index++);
            var byK = delay.GroupBy(outcome => outcome.K).OrderBy(group => group.Key).ToList();
            chart.Points(null, [.. delay.Select(outcome => (double)outcome.K)], [.. delay.Select(outcome => outcome.BestTestAccuracy)], colour);
            chart.Line($"delay {delay.Key} (mean; markers: seeds)", [.. byK.Select(group => (double)group.Key)], [.. byK.Select(group => group.Average(outcome => outcome.BestTestAccuracy))], colour);
        }
        chart.HorizontalMark("chance level", 0.5);
        chart.Save(path);
    }
}
