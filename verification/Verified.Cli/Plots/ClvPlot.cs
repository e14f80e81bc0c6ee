using Verified.Lyapunov;
using Verified.Lyapunov.Covariant;

namespace Verified.Cli.Plots;

/// <summary>Covariant vectors along the window: each vector's one-step growth rate, and the angle between the unstable and the stable subspace (or between v_1 and v_2), against the step.</summary>
public static class ClvPlot
{
    /// <summary>Writes <see cref="Panels"/> to <paramref name="path"/>.</summary>
    public static void Write(CovariantResult clv, string path, string title) => Panels(clv, title).Save(path);

    /// <summary>Growth rates of the leading <paramref name="shown"/> vectors (their exponents dashed), and the angle panel when k ≥ 2.</summary>
    public static Panels Panels(CovariantResult clv, string title, int shown = 6)
    {
        var steps = clv.Steps.Select(step => (double)step).ToArray();
        var rates = new Chart(title, "window step", $"growth rate log‖D_s v_i‖ ({clv.Unit.Name})");
        for (var i = 0; i < Math.Min(shown, clv.Exponents.Length); i++)
        {
            rates.Line($"v_{{{i + 1}}}, λ_{{{i + 1}}} = {clv.Exponents[i]:F4}", steps, [.. clv.GrowthRates.Select(row => row[i])], Chart.Colour(i), width: 1);
            rates.Line(null, [steps[0], steps[^1]], [clv.Exponents[i], clv.Exponents[i]], Chart.Colour(i), dashed: true);
        }
        var charts = new List<Chart> { rates };
        if (clv.UnstableStableAngles is { } subspace)
        {
            charts.Add(new Chart("", "window step", "smallest angle E^u, E^s (rad)").Line(null, steps, subspace, Chart.Colour(0), width: 1));
        }
        else if (clv.Exponents.Length >= 2)
        {
            charts.Add(new Chart("", "window step", "angle v_1, v_2 (rad)").Line(null, steps, [.. clv.NeighbourAngles.Select(row => row[0])], Chart.Colour(0), width: 1));
        }
        return new Panels(charts);
    }
}
