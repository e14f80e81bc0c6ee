using Verified.Training;

namespace Verified.Cli.Output;

/// <summary>A sweep's final test loss against the delay, one colour per schedule (every seed a marker, the mean a line).</summary>
public static class SweepPlot
{
    public static void Write(IReadOnlyList<SweepOutcome> outcomes, string path)
    {
        var plot = new ScottPlot.Plot();
        foreach (var group in outcomes.GroupBy(outcome => (outcome.Schedule, outcome.K)).OrderBy(group => group.Key.Schedule))
        {
            var label = group.Key.Schedule == "none" ? "no flossing" : $"{group.Key.Schedule}flossing, k = {group.Key.K}";
            var seeds = plot.Add.ScatterPoints(
                group.Select(outcome => (double)outcome.Delay).ToArray(),
                group.Select(outcome => Math.Log10(outcome.Final.TestLoss)).ToArray());
            seeds.MarkerSize = 7;
            var means = group.GroupBy(outcome => outcome.Delay).OrderBy(delay => delay.Key).ToList();
            var mean = plot.Add.ScatterLine(
                means.Select(delay => (double)delay.Key).ToArray(),
                means.Select(delay => Math.Log10(delay.Average(outcome => outcome.Final.TestLoss))).ToArray());
            mean.Color = seeds.Color;
            mean.LineWidth = 2;
            mean.LegendText = label + " (mean; markers: seeds)";
        }
        var task = outcomes.FirstOrDefault()?.Task ?? "";
        // Chance: predicting the mean of U(0, 1) (MSE 1/12) for the copy task, a coin (cross-entropy ln 2) for XOR.
        var chance = plot.Add.HorizontalLine(Math.Log10(task == "copy" ? 1.0 / 12 : Math.Log(2)));
        chance.LinePattern = ScottPlot.LinePattern.Dashed;
        chance.Color = ScottPlot.Colors.Gray;
        chance.LegendText = "chance level";
        plot.Title($"{task}: final test loss against the delay");
        plot.Axes.Bottom.Label.Text = "delay d (steps)";
        plot.Axes.Left.Label.Text = "log10 final test loss";
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        var temporary = path + ".tmp.png";
        plot.SavePng(temporary, 900, 560);
        File.Move(temporary, path, overwrite: true);
    }
}
