using Verified.Cli.Reproduction;
using Verified.Precision.Condition;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// The verdict rules of Fig 2 (<see cref="ConditionClaims"/>: rows C2.1–C2.4) on κ2 points built by hand: for each rule a case that
/// holds, one that does not, and one at the rule's threshold. The values are chosen so that every slope, gap and mean is exact in
/// doubles (integer or dyadic log10 κ2 at horizons 20, 30, 50, 100, whose mean is 50).
/// </summary>
public sealed class ConditionClaimRulesTests
{
    private static readonly int[] Horizons = [20, 30, 50, 100];
    private static readonly int[] Ms = [1, 2, 5, 10, 15, 20, 40, 80];
    private static readonly (int N, int K)[] ArmKeys = [(20, 0), (40, 0), (80, 0), (80, 15)];

    /// <summary>
    /// The arms of Fig 2 with log10 κ2 at 256 bits and by Eq 10 from <paramref name="numeric"/> and <paramref name="eq10"/> (N, k, m,
    /// t), by default a healthy figure: every rule holds.
    /// </summary>
    private static IReadOnlyList<ClaimVerdict> Figure2(Func<int, int, int, int, double?>? numeric = null, Func<int, int, int, int, double?>? eq10 = null) =>
        ConditionClaims.Figure2(ArmKeys.ToDictionary(arm => arm, arm => (IReadOnlyList<ConditionPoint>)Ms.SelectMany(m => Horizons.Select(t =>
        {
            var value = numeric?.Invoke(arm.N, arm.K, m, t) ?? Healthy(arm.N, arm.K, m, t);
            return new ConditionPoint(m, t, arm.K > 0, value, eq10?.Invoke(arm.N, arm.K, m, t) ?? value, value, Resolved: true);
        })).ToList()));

    /// <summary>
    /// N = 80, m = 15: 3t − 20 decades unflossed and t flossed (a gap of 2t − 20); otherwise m t N / 800 unflossed and m t / 100 flossed,
    /// so that flossing leaves more m at κ2 ≤ 10⁵ (2 against 5 at t = 20, 1 against 4 at 50, 0 against 3 at 100).
    /// </summary>
    private static double Healthy(int n, int k, int m, int t) => (n, k, m) switch
    {
        (80, 0, 15) => 3 * t - 20,
        (80, 15, 15) => t,
        (_, 0, _) => m * t * n / 800.0,
        _ => m * t / 100.0,
    };

    [Fact]
    public void A_healthy_figure_holds_every_rule()
    {
        Assert.All(Figure2(), verdict => Assert.Equal("holds", verdict.Verdict));
        Assert.Equal(["C2.1", "C2.2", "C2.3", "C2.4"], Figure2().Select(verdict => verdict.Id));
    }

    // Eq 10 matches when |numeric slope / Eq 10's − 1| ≤ 10 %. A slope exactly 10 % below Eq 10's (9 against 10) is the boundary and
    // holds (≤; in doubles 1 − 0.9 = 0.09999999999999998). Exactly 10 % above cannot be a boundary case: 11 / 10 rounds to
    // 1.1000000000000000888, whose excess over 1 is above the double 0.1, so the rule says "does not hold" there.
    [Theory]
    [InlineData(10, "holds", "10.0000")]
    [InlineData(9, "holds", "9.0000")]
    [InlineData(8, "does not hold", "8.0000")]
    [InlineData(12, "does not hold", "12.0000")]
    public void C2_1_the_growth_of_kappa_with_the_horizon_matches_eq10_within_a_tenth_of_its_slope(double slope, string verdict, string measured)
    {
        var claim = Figure2(numeric: (n, k, m, t) => n == 80 && m == 15 ? slope * t : null, eq10: (n, k, m, t) => n == 80 && m == 15 ? 10.0 * t : null)
            .Single(line => line.Id == "C2.1");

        Assert.Equal(verdict, claim.Verdict);
        Assert.Equal($"not flossed: {measured} per step against 10.0000; flossed k = 15: {measured} per step against 10.0000", claim.Measured);
    }

    // The gap (unflossed minus flossed log10 κ2) must grow with a positive slope and end at least 5 times its value at the shortest
    // horizon: a gap of t (20 at t = 20, 100 at t = 100) is exactly 5 times and holds (≥); t + 1 (21, 101) falls short. A gap of 0
    // everywhere is 5 times itself but its slope of exactly 0 is no growth (>); a shrinking negative gap (−10 to −20) passes the
    // 5 times but not the slope.
    [Theory]
    [InlineData(2, -30, "holds", "gap 10.0 decades at t = 20, 170.0 at t = 100; slope 2.000 decades per step")]
    [InlineData(1, 0, "holds", "gap 20.0 decades at t = 20, 100.0 at t = 100; slope 1.000 decades per step")]
    [InlineData(1, 1, "does not hold", "gap 21.0 decades at t = 20, 101.0 at t = 100; slope 1.000 decades per step")]
    [InlineData(-1, 120, "does not hold", "gap 100.0 decades at t = 20, 20.0 at t = 100; slope -1.000 decades per step")]
    [InlineData(0, 0, "does not hold", "gap 0.0 decades at t = 20, 0.0 at t = 100; slope 0.000 decades per step")]
    [InlineData(-0.125, -7.5, "does not hold", "gap -10.0 decades at t = 20, -20.0 at t = 100; slope -0.125 decades per step")]
    public void C2_2_flossing_lowers_kappa_by_a_gap_that_grows_with_the_horizon(double perStep, double offset, string verdict, string measured)
    {
        var claim = Figure2(numeric: (n, k, m, t) => (n, k, m) == (80, 0, 15) ? t + perStep * t + offset : null).Single(line => line.Id == "C2.2");

        Assert.Equal(verdict, claim.Verdict);
        Assert.Equal(measured, claim.Measured);
    }

    // At t = 100 no unflossed m is usable; flossed, only m = 1 may be (at `log10Kappa`), every other m at 10⁶. κ2 of exactly 10⁵ is
    // usable (≤), so 1 after against 0 before holds at the boundary; just above 10⁵ the counts tie, and a tie is no rise (>).
    [Theory]
    [InlineData(4.0, "holds", 1)]
    [InlineData(5.0, "holds", 1)]
    [InlineData(5.001, "does not hold", 0)]
    public void C2_3_flossing_leaves_more_usable_directions_at_every_horizon(double log10Kappa, string verdict, int usableAfter)
    {
        var claim = Figure2(numeric: (n, k, m, t) => k == 15 && t == 100 ? m == 1 ? log10Kappa : 6 : null).Single(line => line.Id == "C2.3");

        Assert.Equal(verdict, claim.Verdict);
        Assert.EndsWith($"t = 100: 0 before, {usableAfter} after", claim.Measured, StringComparison.Ordinal);
    }

    // Unflossed at m = 10, log10 κ2 is t N / 80 (spread 22.5 decades over N at t = 30, 37.5 at t = 50); Eq 10 is that plus a shift of
    // `fraction` × half the spread, so its mean error is exactly that. An error of exactly half the spread does not hold (<); so does
    // an Eq 10 that swaps the order of N = 20 and N = 40, however small its error.
    [Theory]
    [InlineData(0.5, false, "holds", "mean error 5.63, spread 22.50")]
    [InlineData(1.0, false, "does not hold", "mean error 11.25, spread 22.50")]
    [InlineData(0.0, true, "does not hold", "mean error 5.00, spread 22.50")]
    public void C2_4_eq10_orders_the_network_sizes_with_an_error_below_half_their_spread(double fraction, bool swap, string verdict, string measured)
    {
        var claim = Figure2(eq10: (n, k, m, t) => k == 0 && m == 10
            ? (swap && n is 20 or 40 ? Healthy(60 - n, 0, m, t) : Healthy(n, 0, m, t)) + fraction * t * 60 / 80.0 / 2
            : null).Single(line => line.Id == "C2.4");

        Assert.Equal(verdict, claim.Verdict);
        Assert.Contains($"t = 30: log10 κ2 N = 20: 7.50", claim.Measured, StringComparison.Ordinal);
        Assert.Contains(measured, claim.Measured, StringComparison.Ordinal);
    }
}
