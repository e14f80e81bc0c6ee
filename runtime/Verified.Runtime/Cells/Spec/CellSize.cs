namespace Verified;

/// <summary>A size in a cell declaration: a dimension name resolved at run time, or a fixed integer.</summary>
public readonly record struct CellSize(string? Name, int Value)
{
    public static CellSize Named(string name) => new(name, 0);

    public static CellSize Fixed(int value) => new(null, value);

    public int Resolve(CellDimensions dimensions) => Name is null ? Value : dimensions[Name];

    public override string ToString() => Name ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
