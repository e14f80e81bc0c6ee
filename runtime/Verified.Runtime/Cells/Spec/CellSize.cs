namespace Verified;

/// <summary>A size in a cell declaration: a dimension name resolved at run time, or a fixed integer.</summary>
/// <param name="Name">The dimension name, or null for a fixed size.</param>
/// <param name="Value">The fixed size (unused when <paramref name="Name"/> is set).</param>
public readonly record struct CellSize(string? Name, int Value)
{
    /// <summary>The size of dimension <paramref name="name"/>.</summary>
    public static CellSize Named(string name) => new(name, 0);

    /// <summary>The fixed size <paramref name="value"/>.</summary>
    public static CellSize Fixed(int value) => new(null, value);

    /// <summary>The size at <paramref name="dimensions"/>.</summary>
    public int Resolve(CellDimensions dimensions) => Name is null ? Value : dimensions[Name];

    /// <summary>The dimension name or the fixed size.</summary>
    public override string ToString() => Name ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
