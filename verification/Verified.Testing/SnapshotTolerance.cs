namespace Verified.Testing;

/// <summary>
/// How far a number may move from its snapshot and still match: |now − snapshot| ≤ <see cref="Absolute"/> +
/// <see cref="Relative"/>·max(|now|, |snapshot|). Every other value (text, integers of an id, array lengths, null for a
/// non-finite number) must match exactly. The kernels sum in a different order on the AVX-512 path than on the 256-bit
/// one (README, "Snapshot regression tests for your cell"), which moves the last bits of a result: a relative 1e-9
/// covers that for a contracting network over thousands of steps, where differences stay at rounding level; along a chaotic
/// trajectory they grow exponentially, so snapshot contracting networks (gain below the edge of chaos) or short horizons.
/// </summary>
/// <param name="Relative">The relative part (default 1e-9).</param>
/// <param name="Absolute">The absolute part, for numbers near 0 (default 1e-12).</param>
public sealed record SnapshotTolerance(double Relative = 1e-9, double Absolute = 1e-12)
{
    /// <summary>The default: relative 1e-9, absolute 1e-12, which pass on both vector paths for a contracting network.</summary>
    public static SnapshotTolerance Default { get; } = new();

    /// <summary>Whether <paramref name="now"/> matches <paramref name="snapshot"/>.</summary>
    public bool Agree(double snapshot, double now) =>
        snapshot == now || Math.Abs(now - snapshot) <= Absolute + Relative * Math.Max(Math.Abs(now), Math.Abs(snapshot));
}
