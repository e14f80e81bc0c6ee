using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>Vanilla network with ReLU; recurrent weights N(−0.1, g²/N) as in the paper's appendix B.</summary>
[RecurrentCell(Name = "vanilla-relu")]
public partial class VanillaRelu
{
    /// <summary>The hidden state.</summary>
    [State("N")] public Vec h;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>Recurrent weights, N(−0.1, g²/N).</summary>
    [Parameter("N", "N", Init = Init.RecurrentGaussian, Mean = -0.1)] public Mat W;
    /// <summary>Input weights.</summary>
    [Parameter("N", "I")] public Mat V;
    /// <summary>Bias.</summary>
    [Parameter("N")] public Vec b;

    /// <summary>h ← W relu(h) + V x + b.</summary>
    [Update(nameof(h))] public Vec hNext => W * Relu(h) + V * x + b;
}
