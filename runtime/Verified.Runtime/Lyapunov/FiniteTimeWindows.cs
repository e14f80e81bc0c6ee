namespace Verified.Lyapunov;

/// <summary>
/// The distribution of finite-time exponents over consecutive windows of <see cref="Window"/> counted
/// steps: λ_i(window) = Σ_window log R_ii / (W·Δt), the quantity a backpropagated sum over W steps sees
/// (the paper's Sec 8: the link to the exponents is exact only as W → ∞). Arrays are in the order of the
/// run's exponents (descending).
/// </summary>
/// <param name="Window">W, counted steps per window.</param>
/// <param name="Count">Windows in the run.</param>
/// <param name="Mean">Mean of each exponent over the windows.</param>
/// <param name="StandardDeviation">Its spread (sample standard deviation; 0 for one window).</param>
/// <param name="Quantiles">Each exponent's quantiles at <see cref="QuantileLevels"/> (linear interpolation between order statistics).</param>
/// <param name="FractionLeadingPositive">The share of windows whose λ1 (the column of the run's largest exponent) is positive.</param>
public sealed record FiniteTimeWindows(int Window, int Count, double[] Mean, double[] StandardDeviation, double[][] Quantiles, double FractionLeadingPositive)
{
    /// <summary>The levels of <see cref="Quantiles"/>.</summary>
    public static IReadOnlyList<double> QuantileLevels { get; } = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>The statistics of <paramref name="windows"/> (one row per window, QR order), put in the run's <paramref name="order"/>.</summary>
    public static FiniteTimeWindows Of(int window, IReadOnlyList<double[]> windows, IReadOnlyList<int> order)
    {
        var columns = order.Select(column => windows.Select(row => row[column]).Order().ToArray()).ToArray();
        var mean = columns.Select(values => values.Average()).ToArray();
        var spread = columns.Select((values, i) => values.Length < 2 ? 0 : Math.Sqrt(values.Sum(value => (value - mean[i]) * (value - mean[i])) / (values.Length - 1))).ToArray();
        var quantiles = columns.Select(values => QuantileLevels.Select(level => Quantile(values, level)).ToArray()).ToArray();
        return new FiniteTimeWindows(window, windows.Count, mean, spread, quantiles, columns[0].Count(value => value > 0) / (double)windows.Count);
    }

    /// <summary>The <paramref name="level"/> quantile of sorted values, interpolating linearly between order statistics.</summary>
    private static double Quantile(double[] sorted, double level)
    {
        var position = level * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
