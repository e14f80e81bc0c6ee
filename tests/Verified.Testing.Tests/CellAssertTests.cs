using Verified.Checks;
using Xunit;

namespace Verified.Testing.Tests;

/// <summary>Verified.Testing used as a user would: one call per check, on a cell declared in this project and on the built-in cells.</summary>
public sealed class CellAssertTests
{
    [Fact]
    public void User_cell_derivatives_hold() =>
        Assert.Equal(16, CellAssert.DerivativesHold(MinimalGatedCell.Spec).Count);

    [Fact]
    public void User_cell_fingerprint_matches_its_snapshot() => CellAssert.MatchesFingerprint(MinimalGatedCell.Spec);

    [Theory]
    [InlineData("vanilla-tanh")]
    [InlineData("vanilla-relu")]
    [InlineData("linear")]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rate")]
    [InlineData("torch-rnn")]
    [InlineData("torch-lstm")]
    [InlineData("torch-gru")]
    public void Built_in_cell_fingerprint_matches_its_snapshot(string cell) => CellAssert.MatchesFingerprint(BuiltInCells.Find(cell)!);

    [Fact]
    public void Derivative_assertion_fails_when_a_check_fails()
    {
        // No finite-difference check can meet a tolerance of zero: the assertion must say so.
        var error = Assert.ThrowsAny<Exception>(() => CellAssert.DerivativesHold(MinimalGatedCell.Spec, new DerivativeCheckOptions { Tolerance = 0 }));

        Assert.Contains("derivative checks failed", error.Message);
        Assert.Contains("vs-finite-differences", error.Message);
    }

    [Fact]
    public void Fingerprint_moves_when_a_parameter_moves()
    {
        var baseline = CellFingerprint.Of(MinimalGatedCell.Spec);
        var other = CellFingerprint.Of(MinimalGatedCell.Spec, new FingerprintOptions { Seed = 2 });

        Assert.NotEqual(baseline.StepSample, other.StepSample);
        Assert.NotEqual(baseline.FlossingGradientNorm, other.FlossingGradientNorm);
        var again = CellFingerprint.Of(MinimalGatedCell.Spec);
        Assert.Equal(baseline.Exponents, again.Exponents);
        Assert.Equal(baseline.FlossingGradientNorm, again.FlossingGradientNorm);
    }
}
