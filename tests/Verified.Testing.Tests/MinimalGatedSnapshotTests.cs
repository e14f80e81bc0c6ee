using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Testing;
using Xunit;

namespace Verified.Testing.Tests;

/// <summary>Snapshot regression tests of one cell (shown verbatim in the README, "Snapshot regression tests for your cell").</summary>
[Trait("Category", "Snapshots")]
public sealed class MinimalGatedSnapshotTests
{
    /// <summary>The network every snapshot is taken of: N = 8, two inputs, θ drawn at the contracting gain 0.8 with seed 1.</summary>
    private static readonly SnapshotNetwork Network = new() { N = 8, InputSize = 2, Gain = 0.8, Seed = 1 };

    [Fact]
    public void Derivatives_hold() => CellAssert.DerivativesHold(MinimalGatedCell.Spec);

    [Fact]
    public void Fingerprint_is_unchanged() => CellAssert.MatchesFingerprint(MinimalGatedCell.Spec);

    [Fact]
    public void Fingerprint_with_more_exponents_is_unchanged() =>
        CellAssert.MatchesFingerprint(MinimalGatedCell.Spec, new FingerprintOptions { N = 12, K = 6 });

    // Two option sets, two snapshots: each is named after its options (spectrum-minimal-gated-DIGEST.snap).
    [Theory]
    [InlineData(1000, 1ul)]
    [InlineData(3000, 2ul)]
    public void Spectrum_is_unchanged(int steps, ulong seed) =>
        ResultSnapshot.MatchesSpectrum(MinimalGatedCell.Spec, Network, new SpectrumOptions { K = 4, Steps = steps, Input = InputKind.Gaussian, Seed = seed });

    [Fact]
    public void Flossing_history_is_unchanged() =>
        ResultSnapshot.MatchesFlossingHistory(MinimalGatedCell.Spec, Network,
            new FlossOptions { K = 2, Epochs = 10, Steps = 100, Transient = 20, LearningRate = 3e-3, Input = InputKind.Gaussian, Seed = 2 });
}
