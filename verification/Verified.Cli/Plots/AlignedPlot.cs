using Verified.Cli.Reproduction;
using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Plots;

/// <summary>
/// Runs aligned at the epoch where their accuracy passes chance (<see cref="PaperClaims.LearningEpoch"/>), as the paper's
/// Fig 9 aligns them: ‖∂L/∂h_0‖ (log axis) and, where recorded, |cos| of ∂L/∂h_0 with the first Lyapunov vector at h_0
/// (appendix D), against the epochs from that one; each run faint, the median of each arm and delay as a line.
/// </summary>
public static class AlignedPlot
{
    /// <summary>Epochs shown before and after the alignment point.</summary>
    public const int Before = 1500, After = 500;

    public static void Write(IReadOnlyList<SweepResult> results, string path, string title)
    {
        var learning = results.Where(result => PaperClaims.LearningEpoch(result) is not null).ToList();
        var panels = new List<(Chart Chart, Func<TrainEpoch, double?> Measure)>
        {
            (new Chart(title, "epochs from the first evaluation above 0.6 accuracy", "‖∂L/∂h0‖: median, faint: each run", logY: true), epoch => epoch.GradNormH0),
        };
        if (learning.Any(result => result.Outcome.History.Any(epoch => epoch.ClvOverlap is not null)))
        {
            panels.Add((new Chart("", "epochs from the first evaluation above 0.6 accuracy", "|cos(∂L/∂h0, first Lyapunov vector)|"), epoch => epoch.ClvOverlap));
        }
        foreach (var (chart, measure) in panels)
        {
            var index = 0;
            foreach (var group in learning.GroupBy(result => $"{RunArm.Legend(result.Run.Options)}, d = {result.Run.Options.Delay}").OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                var colour = Chart.Colour(index++);
                var windows = group.Select(result => Window(result, measure).ToList()).ToList();
                foreach (var window in windows)
                {
                    chart.Faint([.. window.Select(point => point.X)], [.. window.Select(point => point.Y)], colour);
                }
                var median = windows.SelectMany(window => window).GroupBy(point => point.X).OrderBy(at => at.Key).ToList();
                chart.Line($"{group.Key} ({group.Count()} runs that learn)", [.. median.Select(at => at.Key)], [.. median.Select(at => Statistics.Percentile([.. at.Select(point => point.Y)], 0.5))], colour);
            }
            chart.VerticalMark("first evaluation above 0.6 accuracy", 0);
        }
        new Panels([.. panels.Select(panel => panel.Chart)]).Save(path, panelHeight: 330);
    }

    /// <summary>A run's evaluations within the window, at their epoch from the alignment point.</summary>
    private static IEnumerable<(double X, double Y)> Window(SweepResult result, Func<TrainEpoch, double?> measure)
    {
        var learns = PaperClaims.LearningEpoch(result)!.Value;
        return result.Outcome.History
            .Where(epoch => epoch.Epoch - learns is >= -Before and <= After)
            .Select(epoch => (X: (double)(epoch.Epoch - learns), Y: measure(epoch) ?? double.NaN))
            .Where(point => double.IsFinite(point.Y));
    }
}
