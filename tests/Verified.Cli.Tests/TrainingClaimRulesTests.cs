using Verified.Cli.Reproduction;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// The verdict rule of Fig 3D (<see cref="PaperClaims"/>, row C3.4) on groups of continuous temporal XOR runs built by hand: a case
/// that holds, one that does not, and one at each of its thresholds.
/// </summary>
public sealed class TrainingClaimRulesTests
{
    private static readonly int[] Delays = [10, 20, 30, 40];

    /// <summary>Five runs per delay and arm, of which the given numbers trained.</summary>
    private static IReadOnlyList<RunGroup> Groups(int[] none, int[] pre) =>
        [.. Delays.SelectMany((delay, i) => new[]
        {
            new RunGroup("continuous-xor", delay, "none", 0, 5, 0.5, 0.4, 0.6, 0.7, 0.6, 0.8, none[i], null),
            new RunGroup("continuous-xor", delay, "pre", 75, 5, 0.5, 0.4, 0.6, 0.7, 0.6, 0.8, pre[i], null),
        })];

    // "Reliably" is at least 4 of 5 (5 × trained ≥ 4 × runs): 4 of 5 at d = 40 is the boundary and counts. Preflossing must reach a
    // longer delay than no flossing (>): both reaching d = 20 is the boundary and does not hold. A delay that fails stops the run of
    // delays even if a longer one trains again.
    [Theory]
    [InlineData(new[] { 5, 5, 2, 0 }, new[] { 5, 5, 5, 5 }, "holds", 20, 40)]
    [InlineData(new[] { 5, 5, 2, 0 }, new[] { 4, 4, 4, 4 }, "holds", 20, 40)]
    [InlineData(new[] { 5, 5, 2, 0 }, new[] { 5, 5, 3, 5 }, "does not hold", 20, 20)]
    [InlineData(new[] { 5, 4, 4, 4 }, new[] { 5, 5, 5, 5 }, "does not hold", 40, 40)]
    [InlineData(new[] { 3, 0, 0, 0 }, new[] { 5, 3, 0, 0 }, "holds", 0, 10)]
    public void C3_4_preflossing_trains_the_continuous_xor_reliably_up_to_a_longer_delay(int[] none, int[] pre, string verdict, int noneUpTo, int preUpTo)
    {
        var claim = PaperClaims.Evaluate(Groups(none, pre)).Single(line => line.Id == "C3.4");

        Assert.Equal(verdict, claim.Verdict);
        Assert.Equal($"no flossing up to d = {noneUpTo}, preflossing up to d = {preUpTo}", claim.Measured);
    }
}
