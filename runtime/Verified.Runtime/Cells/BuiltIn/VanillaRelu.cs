using static Verified.CellMath;

namespace Verified.Cells;

/// <summary>Vanilla network with ReLU; recurrent weights N(−0.1, g²/N) as in the paper's appendix B.</summary>
[RecurrentCell(Name = "vanilla-relu")]
public partial class VanillaRelu
{
    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N", Init = Init.RecurrentGaussian, Mean = -0.1)] public Mat W;
    [Parameter("N", "I")] public Mat V;
    [Parameter("N")] public Vec b;

    [Update(nameof(h))] public Vec hNext => W * Relu(h) + V * x + b;
}
