using Verified.Cells;

namespace Verified;

/// <summary>The cells that ship with Verified, by their command-line names.</summary>
public static class BuiltInCells
{
    public static IReadOnlyList<CellSpec> All { get; } =
    [
        VanillaTanh.Spec,
        VanillaRelu.Spec,
        Linear.Spec,
        Lstm.Spec,
        Gru.Spec,
        RateCell.Spec,
    ];

    public static CellSpec? Find(string name) => All.FirstOrDefault(spec => spec.Name == name);
}
