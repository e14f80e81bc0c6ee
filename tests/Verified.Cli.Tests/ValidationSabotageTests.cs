using Verified.Cli.Validation;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Each part of `verified validate` run with one capability taken away (<see cref="Sabotage"/>, a hook of
/// the harness): the checks built on that capability must fail, so that a pass means something.
/// </summary>
public sealed class ValidationSabotageTests
{
    private static IReadOnlyList<ValidationCheck> Run(ValidationPart part)
    {
        using var folder = new TemporaryFolder();
        return part.Run(folder, () => { });
    }

    private static ValidationCheck Named(IReadOnlyList<ValidationCheck> checks, string start) =>
        checks.Single(check => check.Name.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void Hénon_exponents_in_the_wrong_order_fail_the_individual_check_though_their_sum_passes()
    {
        var checks = Run(new SpectrumPart(Sabotage.ExponentOrder));

        Assert.False(Named(checks, "Hénon map at a = 1.4").Passed);
        Assert.True(Named(checks, "Hénon map: Σλ = ln b").Passed, "the sum is blind to the order, which is why the individual check is there");
    }

    /// <summary>
    /// κ2 replaced by the finite-time bound (what double precision gives) and the 512-bit path run at 256 bits, in one run
    /// of the part (it takes half a minute): each fails its own check, whatever the other does. The former checks pass both.
    /// </summary>
    [Fact]
    public void Kappa_from_the_double_bound_and_512_bits_run_at_256_fail_the_checks_only_arbitrary_precision_passes()
    {
        var checks = Run(new ConditionPart(Sabotage.KappaFromBound | Sabotage.FiveTwelveAtTwoFiftySix));

        Assert.False(Named(checks, "N = 16, m = 16 (non-normal long-term Jacobian)").Passed);
        Assert.False(Named(checks, "N = 16, m = 16: horizons 512 bits resolve and 256 bits do not").Passed);
        Assert.False(Named(checks, "N = 16, m = 16, horizons only 512 bits resolve").Passed);
        Assert.True(Named(checks, "min over points of log10 κ2 − log10 exp(max_i S_i − min_i S_i)").Passed, "the bound passes the former checks");
        Assert.True(Named(checks, "256 against 512 bits: max relative difference").Passed, "256 bits pass against themselves");
    }

    [Fact]
    public void A_flossing_that_changes_nothing_fails_the_independent_spectrum_of_the_saved_network()
    {
        var checks = Run(new FlossingPart(Sabotage.FlossingDiscarded));

        Assert.False(Named(checks, "saved network, independent").Passed);
        Assert.True(Named(checks, "network before flossing").Passed);
    }

    [Fact]
    public void A_preflossing_that_changes_nothing_fails_the_independent_spectrum_after_preflossing()
    {
        var checks = Run(new TrainingPart(Sabotage.FlossingDiscarded));

        Assert.False(Named(checks, "preflossing k = 8, independent").Passed);
    }
}
