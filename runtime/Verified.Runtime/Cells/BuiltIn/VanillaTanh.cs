using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>The paper's vanilla rate network: h_{s+1} = W tanh(h_s) + V x_{s+1} + b, W ~ N(0, g²/N).</summary>
[RecurrentCell(Name = "vanilla-tanh")]
public partial class VanillaTanh
{
    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat W;
    [Parameter("N", "I")] public Mat V;
    [Parameter("N")] public Vec b;

    [Update(nameof(h))] public Vec hNext => W * Tanh(h) + V * x + b;
}
