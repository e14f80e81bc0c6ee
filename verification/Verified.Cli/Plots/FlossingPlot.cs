using Verified.Flossing;

namespace Verified.Cli.Plots;

/// <summary>A flossing run against the epochs: the loss Σ(λ_i − λ*)² on a log axis, and the flossed exponents with their target.</summary>
public static class FlossingPlot
{
    public static void WriteLoss(IReadOnlyList<(string Label, IReadOnlyList<FlossEpoch> History)> runs, string path, string title)
    {
        var chart = new Chart(title, "flossing epoch", "loss Σ_{i≤k} (λ_i − λ*)²", logY: true);
        var index = 0;
        foreach (var (label, history) in runs)
        {
            chart.Line(label, [.. history.Select(epoch => (double)epoch.Epoch)], [.. history.Select(epoch => epoch.Loss)], Chart.Colour(index++));
        }
        chart.Save(path);
    }

    public static void WriteExponents(IReadOnlyList<(string Label, IReadOnlyList<FlossEpoch> History)> runs, double target, string path, string title, int shownPerRun = 4)
    {
        var chart = new Chart(title, "flossing epoch", "flossed λ_i (per step)");
        var index = 0;
        foreach (var (label, history) in runs)
        {
            var colour = Chart.Colour(index++);
            var epochs = history.Select(epoch => (double)epoch.Epoch).ToArray();
            for (var i = 0; i < Math.Min(shownPerRun, history[0].Exponents.Length); i++)
            {
                chart.Line(i == 0 ? label : null, epochs, [.. history.Select(epoch => epoch.Exponents[i])], colour);
            }
        }
        chart.HorizontalMark($"target λ* = {target}", target);
        chart.Save(path);
    }
}
