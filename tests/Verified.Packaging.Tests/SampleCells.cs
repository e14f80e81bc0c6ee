namespace Verified.Packaging.Tests;

/// <summary>Cell declarations as a user writes them, in a project or a cell file.</summary>
public static class SampleCells
{
    public const string GatedName = "packaged-gated";

    /// <summary>A minimal gated unit with an input.</summary>
    public const string Gated = """
        using Verified;
        using static Verified.CellMath;

        [RecurrentCell(Name = "packaged-gated")]
        public partial class PackagedGatedCell
        {
            [State("N")] public Vec h;
            [Input("I")] public Vec x;
            [Parameter("N", "N")] public Mat Wf;
            [Parameter("N")] public Vec bf;
            [Parameter("N", "N")] public Mat W;
            [Parameter("N", "I")] public Mat U;

            public Vec f => Sigmoid(Wf * h + bf);

            [Update(nameof(h))] public Vec hNext => (1 - f) * h + f * Tanh(W * h + U * x);
        }
        """;

    /// <summary>The same cell calling a function the cell language does not have: the generator's VRF0004.</summary>
    public static string Misspelt { get; } = Gated.Replace("Tanh(W * h", "Tanhh(W * h", StringComparison.Ordinal);
}
