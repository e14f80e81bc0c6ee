using Verified.Flossing;

namespace Verified.Cli.Plots;

/// <summary>A flossing run against the epochs: the loss Σ(λ_i − λ*)² on a log axis, and the flossed exponents with their target.</summary>
public static class FlossingPlot
{
    /// <summary>The flossing loss of each run against the epoch.</summary>
    public static void WriteLoss(IReadOnlyList<(string Label, IReadOnlyList<FlossEpoch> History)> runs, string path, string title) => Loss(runs, title).Save(path);

    /// <summary>The chart of <see cref="WriteLoss"/>.</summary>
    public static Chart Loss(IReadOnlyList<(string Label, IReadOnlyList<FlossEpoch> History)> runs, string title)
    {
        var chart = new Chart(title, "flossing epoch", "loss Σ_{i≤k} (λ_i − λ*)²", logY: true).IntegerX();
        var index = 0;
        foreach (var (label, history) in runs)
        {
            chart.Line(label, [.. history.Select(epoch => (double)epoch.Epoch)], [.. history.Select(epoch => epoch.Loss)], Chart.Colour(index++));
        }
        return chart;
    }

    /// <summary>
    /// The first <paramref name="shownPerRun"/> flossed exponents of each run against the epoch, each
    /// exponent of each run its own colour and legend entry, and the target as a reference line.
    /// </summary>
    public static void WriteExponents(IReadOnlyList<(string Label, IReadOnlyList<FlossEpoch> History)> runs, double target, string path, string title, int shownPerRun = 4) =>
        Exponents(runs, target, title, shownPerRun).Save(path);

    /// <summary>The chart of <see cref="WriteExponents"/>, the exponents in <paramref name="unit"/> (per step, or per unit time for a cell with a time step).</summary>
    public static Chart Exponents(IReadOnlyList<(string Label, IReadOnlyList<FlossEpoch> History)> runs, double target, string title, int shownPerRun = 4, string unit = "per step")
    {
        var shown = runs.Max(run => Math.Min(shownPerRun, run.History[0].Exponents.Length));
        var chart = new Chart(title, "flossing epoch", shown == 1 ? $"λ_1 ({unit}, over each horizon)" : $"flossed λ_i ({unit}, over each horizon)").IntegerX();
        var colour = 0;
        foreach (var (label, history) in runs)
        {
            var epochs = history.Select(epoch => (double)epoch.Epoch).ToArray();
            for (var i = 0; i < Math.Min(shownPerRun, history[0].Exponents.Length); i++)
            {
                var name = runs.Count == 1 ? $"λ_{{{i + 1}}}" : shown == 1 ? label : $"{label}: λ_{{{i + 1}}}";
                chart.Line(name, epochs, [.. history.Select(epoch => epoch.Exponents[i])], Chart.Colour(colour++));
            }
        }
        return chart.HorizontalMark($"target λ* = {target}", target);
    }
}
