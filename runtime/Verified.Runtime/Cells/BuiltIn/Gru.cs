using static Verified.CellMath;

namespace Verified.Cells;

/// <summary>Gated recurrent unit (Cho et al. 2014): update gate z, reset gate r.</summary>
[RecurrentCell(Name = "gru")]
public partial class Gru
{
    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat Uz, Ur, Uh;
    [Parameter("N", "I")] public Mat Wz, Wr, Wh;
    [Parameter("N")] public Vec bz, br, bh;

    public Vec z => Sigmoid(Uz * h + Wz * x + bz);
    public Vec r => Sigmoid(Ur * h + Wr * x + br);
    public Vec hTilde => Tanh(Uh * (r * h) + Wh * x + bh);

    [Update(nameof(h))] public Vec hNext => (1 - z) * h + z * hTilde;
}
