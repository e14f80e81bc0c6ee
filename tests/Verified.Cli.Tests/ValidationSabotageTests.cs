using Verified.Cli.Validation;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Each part of `verified validate` run with one capability taken away (<see cref="Sabotage"/>, a hook of
/// the harness): the checks built on that capability must fail, so that a pass means something.
/// </summary>
public sealed class ValidationSabotageTests
{
    private static IReadOnlyList<ValidationCheck> Run(ValidationPart part) => part.Run(CliRunner.TemporaryFolder(), () => { });

    private static ValidationCheck Named(IReadOnlyList<ValidationCheck> checks, string start) =>
        checks.Single(check => check.Name.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void Hénon_exponents_in_the_wrong_order_fail_the_individual_check_though_their_sum_passes()
    {
        var checks = Run(new SpectrumPart(Sabotage.ExponentOrder));

        Assert.False(Named(checks, "Hénon map at a = 1.4").Passed);
        Assert.True(Named(checks, "Hénon map: Σλ = ln b").Passed, "the sum is blind to the order, which is why the individual check is there");
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
