using Verified.Checks;
using Verified.Initialisation;
using Verified.Randomness;

namespace Verified.Testing;

/// <summary>
/// The seeded network a snapshot is taken of: the cell at hidden size <see cref="N"/> and input size
/// <see cref="InputSize"/>, its parameters θ drawn from the cell's declared initialisation at gain <see cref="Gain"/>
/// with <see cref="Seed"/>. Part of the snapshot's name and file, so that every option behind the numbers is recorded.
/// </summary>
public sealed record SnapshotNetwork
{
    /// <summary>Hidden size N.</summary>
    public int N { get; init; } = 8;

    /// <summary>Input size I (0 for a cell without input).</summary>
    public int InputSize { get; init; } = 2;

    /// <summary>The gain g of the initialisation: below the edge of chaos by default, so that the numbers match on both vector paths.</summary>
    public double Gain { get; init; } = 0.8;

    /// <summary>The seed of θ.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The cell's layout at these sizes and θ drawn as described.</summary>
    public (CellLayout Layout, double[] Theta) Create(CellSpec spec)
    {
        var layout = spec.Layout(CellDimensions.Of(N, InputSize));
        return (layout, ParameterInitialiser.Create(layout, Gain, new Rng(Seed)));
    }
}
