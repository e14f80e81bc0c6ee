using System.Globalization;
using Verified.Precision.Condition;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The sentences of Sec 5 (Fig 2) as tests on κ2 measured at 256 bits, by arm (N, k flossed; k = 0
/// not flossed). Slopes are least-squares fits of log10 κ2 against the horizon over the resolved
/// points.
/// </summary>
public static class ConditionClaims
{
    /// <summary>How far a numeric slope may be from Eq 10's, relatively, for Eq 10 to match it.</summary>
    public const double SlopeTolerance = 0.1;

    /// <summary>The condition number of Fig 2B's guide line: 10⁵.</summary>
    public const double UsableLog10Kappa = 5;

    public static IReadOnlyList<ClaimVerdict> Figure2(IReadOnlyDictionary<(int N, int K), IReadOnlyList<ConditionPoint>> arms)
    {
        var verdicts = new List<ClaimVerdict>();
        List<ConditionPoint> Series(int n, int k, int m) => [.. arms[(n, k)].Where(point => point.M == m && point.Resolved).OrderBy(point => point.Horizon)];
        var (plain, flossed) = (Series(80, 0, 15), Series(80, 15, 15));

        var slopes = new[] { ("not flossed", plain), ("flossed k = 15", flossed) }.Select(entry => (entry.Item1,
            Numeric: Slope(entry.Item2, point => point.Log10KappaNumeric!.Value), Eq10: Slope(entry.Item2, point => point.Log10KappaEq10))).ToList();
        verdicts.Add(new ClaimVerdict("C2.1", "κ2 of the long-term Jacobian grows exponentially with the horizon, as Eq 10 predicts (Sec 5, Fig 2A).",
            $"N = 80, m = 15, 256 bits: the slope of log10 κ2 against the horizon within {SlopeTolerance:P0} of Eq 10's, flossed and not",
            string.Join("; ", slopes.Select(slope => string.Create(CultureInfo.InvariantCulture, $"{slope.Item1}: {slope.Numeric:0.0000} per step against {slope.Eq10:0.0000}"))),
            slopes.All(slope => Math.Abs(slope.Numeric / slope.Eq10 - 1) <= SlopeTolerance) ? "holds" : "does not hold"));

        var common = plain.Select(point => point.Horizon).Intersect(flossed.Select(point => point.Horizon)).Order().ToList();
        var gaps = common.Select(t => (t, gap: plain.Single(point => point.Horizon == t).Log10KappaNumeric!.Value - flossed.Single(point => point.Horizon == t).Log10KappaNumeric!.Value)).ToList();
        var gapSlope = Slope(gaps, gap => gap.t, gap => gap.gap);
        verdicts.Add(new ClaimVerdict("C2.2", "Flossing lowers κ2 by a factor that grows exponentially with the horizon (Sec 5, Fig 2A).",
            "N = 80, m = 15: log10 κ2 without flossing minus with (k = 15) grows linearly with the horizon: a positive fitted slope, and the gap at the longest common horizon at least 5 times that at the shortest",
            gaps.Count < 2 ? "fewer than two common resolved horizons" : string.Create(CultureInfo.InvariantCulture,
                $"gap {gaps[0].gap:0.0} decades at t = {gaps[0].t}, {gaps[^1].gap:0.0} at t = {gaps[^1].t}; slope {gapSlope:0.000} decades per step"),
            gaps.Count >= 2 && gapSlope > 0 && gaps[^1].gap >= 5 * gaps[0].gap ? "holds" : "does not hold"));

        int Usable(int k, int t) => arms[(80, k)].Count(point => point.Horizon == t && point.Resolved && point.Log10KappaNumeric <= UsableLog10Kappa);
        var horizons = arms[(80, 0)].Select(point => point.Horizon).Distinct().Where(t => t is 20 or 50 or 100).ToList();
        var counts = horizons.Select(t => (t, plain: Usable(0, t), flossed: Usable(15, t))).ToList();
        verdicts.Add(new ClaimVerdict("C2.3", "Flossing raises the number of tangent directions usable at κ2 = 10⁵ (Sec 5, Fig 2B).",
            "N = 80: at horizons 20, 50 and 100, the number of m (of 1, 2, 5, …, 80) whose κ2 ≤ 10⁵ is larger after flossing k = 15 than before",
            string.Join("; ", counts.Select(count => $"t = {count.t}: {count.plain} before, {count.flossed} after")),
            counts.Count > 0 && counts.All(count => count.flossed > count.plain) ? "holds" : "does not hold"));

        // Finite N: across N = 20, 40, 80 at m = 10, the ordering of numeric κ2 is Eq 10's, and Eq 10's error is below half the spread over N.
        var sizes = arms.Keys.Where(arm => arm.K == 0).Select(arm => arm.N).Order().ToList();
        var finite = new[] { 30, 50 }.Select(t =>
        {
            var numeric = sizes.Select(n => arms[(n, 0)].Single(point => point.M == 10 && point.Horizon == t)).ToList();
            var resolved = numeric.All(point => point.Resolved);
            var byNumeric = numeric.OrderBy(point => point.Log10KappaNumeric).Select(point => numeric.IndexOf(point));
            var byEq10 = numeric.OrderBy(point => point.Log10KappaEq10).Select(point => numeric.IndexOf(point));
            var error = numeric.Average(point => Math.Abs((point.Log10KappaNumeric ?? double.NaN) - point.Log10KappaEq10));
            var spread = numeric.Max(point => point.Log10KappaNumeric ?? double.NaN) - numeric.Min(point => point.Log10KappaNumeric ?? double.NaN);
            return (t, ok: resolved && byNumeric.SequenceEqual(byEq10) && error < spread / 2,
                text: string.Create(CultureInfo.InvariantCulture, $"t = {t}: log10 κ2 {string.Join(", ", numeric.Select((point, i) => $"N = {sizes[i]}: {point.Log10KappaNumeric:0.00} (Eq 10 {point.Log10KappaEq10:0.00})"))}; mean error {error:0.00}, spread {spread:0.00}"));
        }).ToList();
        verdicts.Add(new ClaimVerdict("C2.4", "Eq 10 predicts the differences in κ2 that come from finite network size (Sec 5, Fig 2C).",
            "not flossed, m = 10, N = 20, 40, 80, horizons 30 and 50: Eq 10 orders the sizes as the 256-bit κ2 does, with a mean error below half the spread over N",
            string.Join("; ", finite.Select(entry => entry.text)), finite.All(entry => entry.ok) ? "holds" : "does not hold"));
        return verdicts;
    }

    private static double Slope(IReadOnlyList<ConditionPoint> points, Func<ConditionPoint, double> y) => Slope(points, point => point.Horizon, y);

    /// <summary>The least-squares slope of y against x.</summary>
    private static double Slope<TPoint>(IReadOnlyList<TPoint> points, Func<TPoint, double> x, Func<TPoint, double> y)
    {
        if (points.Count < 2)
        {
            return double.NaN;
        }
        var (mx, my) = (points.Average(x), points.Average(y));
        return points.Sum(point => (x(point) - mx) * (y(point) - my)) / points.Sum(point => (x(point) - mx) * (x(point) - mx));
    }
}
