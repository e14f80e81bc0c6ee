using Verified.Cli.Output.Files;
using Verified.Cli.Reproduction;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// The verdict rules on the convergence of the exponents, built by hand: appendix K (<see cref="Figure16"/>, row CK.1) from the running
/// exponents of ten initial states, and appendix J (<see cref="AppendixJ"/>, row CJ.1) from spectra at several t_ONS; for each a case
/// that holds, one that does not, and one at the rule's threshold.
/// </summary>
public sealed class ConvergenceClaimRulesTests
{
    private const int Steps = 2000;

    /// <summary>
    /// Ten initial states following λ1, λ20, λ60, λ80: the even states at 0, the odd ones at <paramref name="early"/> from step 100 on
    /// and at the end at 0.001, except λ60 at <paramref name="late"/>; so the spreads are exactly these values.
    /// </summary>
    private static IReadOnlyList<RunningExponents> States(double early, double late) =>
        [.. Enumerable.Range(0, 10).Select(state => new RunningExponents([1, 20, 60, 80], [10, 100, 1000, Steps],
            [.. new[] { 1.0, early, early, late }.Select((value, row) => new[] { 0, 1, 2, 3 }.Select(column => state % 2 == 0 ? 0 : row == 3 && column != 2 ? 0.001 : value).ToArray())],
            []))];

    // Converged: every followed exponent's spread over the states is at most 0.02 at the end (exactly 0.02 holds, ≤) and smaller than at
    // step 100 (an equal spread has not shrunk, <).
    [Theory]
    [InlineData(0.5, 0.01, "holds")]
    [InlineData(0.5, 0.02, "holds")]
    [InlineData(0.5, 0.03, "does not hold")]
    [InlineData(0.015, 0.015, "does not hold")]
    public void CK_1_the_exponents_converge_when_every_spread_over_the_initial_states_shrinks_to_at_most_0_02(double early, double late, string verdict)
    {
        var spreads = Figure16.Spreads(States(early, late), Steps);
        var claim = Figure16.Verdict(spreads, Steps);

        Assert.Equal([early, early, early, early], spreads.Select(spread => spread.AtStep100));
        Assert.Equal([0.001, 0.001, late, 0.001], spreads.Select(spread => spread.AtEnd));
        Assert.Equal(verdict, claim.Verdict);
        Assert.Contains(FormattableString.Invariant($"λ60: {early:0.000} at 100, {late:0.0000} at {Steps}"), claim.Measured, StringComparison.Ordinal);
    }

    /// <summary>
    /// The spectra of a 4-unit network at t_ONS = 1, 2, 3, 5, 8, 12 with λ1 − λ4 = 2: Eq 28 gives κ2 = e^(2 t_ONS), well conditioned
    /// (≤ 2²⁶ ≈ 6.7e7) up to t_ONS = 8 (8.9e6), not at 12 (2.6e10). λ2 (0 at t_ONS = 1) moves by <paramref name="conditioned"/> at
    /// t_ONS = 2–8 and by <paramref name="illConditioned"/> at 12.
    /// </summary>
    private static Dictionary<int, double[]> Spectra(double conditioned, double illConditioned) =>
        new[] { 1, 2, 3, 5, 8, 12 }.ToDictionary(tons => tons, tons => new[] { 1, tons == 1 ? 0 : tons == 12 ? illConditioned : conditioned, -0.5, -1 });

    // Unchanged is a largest change ≤ 1e-4 wherever Q̃ is well conditioned: a change of exactly 1e-4 (1e-4 − 0) holds, 2e-4 does not;
    // a large change where Q̃ is ill conditioned (t_ONS = 12) does not count.
    [Theory]
    [InlineData(5e-5, 1e-2, "holds", "5.0e-5")]
    [InlineData(1e-4, 1e-2, "holds", "1.0e-4")]
    [InlineData(2e-4, 0.0, "does not hold", "2.0e-4")]
    public void CJ_1_the_exponents_do_not_depend_on_tons_while_the_product_stays_well_conditioned(double conditioned, double illConditioned, string verdict, string change)
    {
        var rows = AppendixJ.Rows(Spectra(conditioned, illConditioned));
        var claim = AppendixJ.Verdict(rows, 4);

        Assert.Equal([1, 2, 3, 5, 8, 12], rows.Select(row => row.OrthonormaliseEvery));
        Assert.Equal(Math.Exp(2 * 8), rows[4].KappaEq28);
        Assert.Equal(verdict, claim.Verdict);
        Assert.Contains($"t_ONS = 8: κ ≈ 8.9e6, largest change {change}", claim.Measured, StringComparison.Ordinal);
    }

    // Well conditioned is κ2 ≤ 2²⁶: a t_ONS at exactly 2²⁶ is judged (≤) and its change of 2e-4 fails the claim; the next double above
    // 2²⁶ is not judged, leaving t_ONS = 2 (unchanged) to hold it. With no well-conditioned t_ONS at all there is nothing to hold it.
    [Theory]
    [InlineData(67108864.0, 1e3, "does not hold")]
    [InlineData(67108864.00000001, 1e3, "holds")]
    [InlineData(67108864.00000001, 1e8, "does not hold")]
    public void CJ_1_a_product_at_exactly_the_well_conditioned_bound_is_judged(double kappa, double kappaOfTwo, string verdict)
    {
        Assert.Equal(67108864.0, AppendixJ.WellConditioned);
        Assert.Equal(67108864.00000001, Math.BitIncrement(AppendixJ.WellConditioned));
        IReadOnlyList<IntervalRow> rows = [new(1, 1, 0), new(2, kappaOfTwo, 0), new(3, kappa, 2e-4)];

        Assert.Equal(verdict, AppendixJ.Verdict(rows, 4).Verdict);
    }
}
