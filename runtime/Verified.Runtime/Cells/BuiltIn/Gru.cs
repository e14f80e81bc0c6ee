using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>Gated recurrent unit (Cho et al. 2014): update gate z, reset gate r.</summary>
[RecurrentCell(Name = "gru")]
public partial class Gru
{
    /// <summary>The hidden state.</summary>
    [State("N")] public Vec h;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>Recurrent weights of the update gate, the reset gate and the candidate.</summary>
    [Parameter("N", "N")] public Mat Uz, Ur, Uh;
    /// <summary>Input weights of the update gate, the reset gate and the candidate.</summary>
    [Parameter("N", "I")] public Mat Wz, Wr, Wh;
    /// <summary>Biases of the update gate, the reset gate and the candidate.</summary>
    [Parameter("N")] public Vec bz, br, bh;

    /// <summary>The update gate z = σ(U_z h + W_z x + b_z).</summary>
    public Vec z => Sigmoid(Uz * h + Wz * x + bz);
    /// <summary>The reset gate r = σ(U_r h + W_r x + b_r).</summary>
    public Vec r => Sigmoid(Ur * h + Wr * x + br);
    /// <summary>The candidate h̃ = tanh(U_h (r ⊙ h) + W_h x + b_h).</summary>
    public Vec hTilde => Tanh(Uh * (r * h) + Wh * x + bh);

    /// <summary>h ← (1 − z) ⊙ h + z ⊙ h̃.</summary>
    [Update(nameof(h))] public Vec hNext => (1 - z) * h + z * hTilde;
}
