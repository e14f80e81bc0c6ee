using Verified.Lyapunov;

namespace Verified.Cli.Plots;

/// <summary>The running Lyapunov estimates against the accumulated steps (convergence, as the paper's Fig 16).</summary>
public static class SpectrumPlot
{
    public static void WriteConvergence(SpectrumResult spectrum, string path, string title, int shown = 8)
    {
        var chart = new Chart(title, "accumulated steps", "running estimate of λ_i (per step)");
        var steps = spectrum.RunningSteps.Select(step => (double)step).ToArray();
        var k = spectrum.Exponents.Length;
        // The first few, and the last one, of the k exponents.
        foreach (var i in Enumerable.Range(0, Math.Min(shown, k)).Append(k - 1).Distinct())
        {
            chart.Line($"λ{i + 1} = {spectrum.Exponents[i]:F4}", steps, [.. spectrum.Running.Select(row => row[i])], Chart.Colour(i));
        }
        chart.Save(path);
    }

    /// <summary>Exponents against their index, one line per labelled spectrum (the paper's Fig 1D).</summary>
    public static void WriteSpectra(IReadOnlyList<(string Label, double[] Exponents)> spectra, string path, string title)
    {
        var chart = new Chart(title, "index i", "λ_i (per step)");
        var index = 0;
        foreach (var (label, exponents) in spectra)
        {
            chart.Line(label, [.. Enumerable.Range(1, exponents.Length).Select(i => (double)i)], exponents, Chart.Colour(index++), markers: true);
        }
        chart.HorizontalMark("λ = 0", 0);
        chart.Save(path);
    }
}
