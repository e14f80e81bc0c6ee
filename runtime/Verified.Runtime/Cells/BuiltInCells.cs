using Verified.Cells.BuiltIn;

namespace Verified;

/// <summary>The cells that ship with Verified, by their command-line names.</summary>
public static class BuiltInCells
{
    /// <summary>Every built-in cell: vanilla-tanh, vanilla-relu, linear, lstm, gru, rate.</summary>
    public static IReadOnlyList<CellSpec> All { get; } =
    [
        VanillaTanh.Spec,
        VanillaRelu.Spec,
        Linear.Spec,
        Lstm.Spec,
        Gru.Spec,
        RateCell.Spec,
        TorchRnn.Spec,
        TorchLstm.Spec,
        TorchGru.Spec,
    ];

    /// <summary>The built-in cell named <paramref name="name"/> (ordinal), or null.</summary>
    public static CellSpec? Find(string name) => All.FirstOrDefault(spec => spec.Name == name);
}
