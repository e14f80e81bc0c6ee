namespace Verified;

/// <summary>
/// A size in a cell declaration: a dimension name resolved at run time ("N"), a multiple of one
/// ("4*N": <see cref="Multiplier"/> 4, for the stacked gate weights of an LSTM), or a fixed integer.
/// </summary>
/// <param name="Name">The dimension name, or null for a fixed size.</param>
/// <param name="Value">The fixed size (unused when <paramref name="Name"/> is set).</param>
public readonly record struct CellSize(string? Name, int Value)
{
    /// <summary>m of a size m·Name; 1 for a plain dimension name and for a fixed size.</summary>
    public int Multiplier { get; init; } = 1;

    /// <summary>The size of dimension <paramref name="name"/>.</summary>
    public static CellSize Named(string name) => new(name, 0);

    /// <summary>The size <paramref name="multiplier"/> × the dimension <paramref name="name"/>, declared as "4*N".</summary>
    public static CellSize Multiple(int multiplier, string name) => multiplier >= 1
        ? new(name, 0) { Multiplier = multiplier }
        : throw new ArgumentOutOfRangeException(nameof(multiplier), $"a size's multiplier is at least 1, not {multiplier}");

    /// <summary>The fixed size <paramref name="value"/>.</summary>
    public static CellSize Fixed(int value) => new(null, value);

    /// <summary>The size at <paramref name="dimensions"/>; one that does not fit an int is an <see cref="OverflowException"/> (<see cref="CellLayout"/> refuses it first).</summary>
    public int Resolve(CellDimensions dimensions) => checked((int)ResolveWide(dimensions));

    /// <summary>The size at <paramref name="dimensions"/> in 64 bits, so that a layout can refuse a size too large for an array instead of wrapping around.</summary>
    public long ResolveWide(CellDimensions dimensions) => Name is null ? Value : (long)Multiplier * dimensions[Name];

    /// <summary>The dimension name ("N"), the multiple ("4*N") or the fixed size.</summary>
    public override string ToString() =>
        Name is null ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Multiplier == 1 ? Name
        : Multiplier.ToString(System.Globalization.CultureInfo.InvariantCulture) + "*" + Name;
}
