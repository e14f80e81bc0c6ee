using Verified.Lyapunov;

namespace Verified.Cli.Plots;

/// <summary>Lyapunov spectra: the running estimates against the accumulated steps (convergence, as the paper's Fig 16), and exponents against their index.</summary>
public static class SpectrumPlot
{
    /// <summary>
    /// The running estimates on a logarithmic step axis, so that the early transient and the late
    /// plateau both show: the leading <paramref name="shown"/> exponents in one panel and, when k is
    /// larger, the trailing ones in a second, so that λ_k's scale does not flatten λ1's.
    /// </summary>
    public static void WriteConvergence(SpectrumResult spectrum, string path, string title) => Convergence(spectrum, title).Save(path);

    /// <summary>The panels of <see cref="WriteConvergence"/>.</summary>
    public static Panels Convergence(SpectrumResult spectrum, string title, int shown = 6)
    {
        var k = spectrum.Exponents.Length;
        var leading = Enumerable.Range(0, Math.Min(shown, k)).ToList();
        var firstTrailing = Math.Max(shown, k - shown);
        var trailing = Enumerable.Range(firstTrailing, Math.Max(0, k - firstTrailing)).ToList();
        var charts = new List<Chart> { Convergence(spectrum, leading, title) };
        if (trailing.Count > 0)
        {
            charts.Add(Convergence(spectrum, trailing, ""));
        }
        return new Panels(charts);
    }

    private static Chart Convergence(SpectrumResult spectrum, IReadOnlyList<int> indices, string title)
    {
        var chart = new Chart(title, "accumulated steps", $"running λ_i ({spectrum.Unit.Name})", logX: true);
        var steps = spectrum.RunningSteps.Select(step => (double)step).ToArray();
        foreach (var i in indices)
        {
            chart.Line($"λ_{{{i + 1}}} = {spectrum.Exponents[i]:F4}", steps, [.. spectrum.Running.Select(row => row[i])], Chart.Colour(i));
        }
        return chart;
    }

    /// <summary>Exponents against their index, one line per labelled spectrum (the paper's Fig 1D).</summary>
    public static void WriteSpectra(IReadOnlyList<(string Label, double[] Exponents)> spectra, string path, string title) => Spectra(spectra, title).Save(path);

    /// <summary>The chart of <see cref="WriteSpectra"/>.</summary>
    public static Chart Spectra(IReadOnlyList<(string Label, double[] Exponents)> spectra, string title)
    {
        var chart = new Chart(title, "index i", "λ_i (per step)").IntegerX();
        var index = 0;
        foreach (var (label, exponents) in spectra)
        {
            chart.Line(label, [.. Enumerable.Range(1, exponents.Length).Select(i => (double)i)], exponents, Chart.Colour(index++), markers: true);
        }
        return chart.HorizontalMark("λ = 0", 0);
    }
}
