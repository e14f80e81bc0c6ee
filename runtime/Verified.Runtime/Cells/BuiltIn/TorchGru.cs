using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>
/// torch.nn.GRU (one layer): r, z and n are the three blocks, in that order, of the input part
/// W_ih x + b_ih and the recurrent part W_hh h + b_hh, kept apart because the reset gate multiplies
/// the recurrent part of n only: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// Parameter names, stacked shapes and initialisation are PyTorch's.
/// </summary>
[RecurrentCell(Name = "torch-gru")]
public partial class TorchGru
{
    /// <summary>The hidden state.</summary>
    [State("N")] public Vec h;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>Input weights of r, z and n, stacked (3N × I).</summary>
    [Parameter("3*N", "I", Init = Init.HiddenUniform)] public Mat weight_ih_l0;
    /// <summary>Recurrent weights of r, z and n, stacked (3N × N).</summary>
    [Parameter("3*N", "N", Init = Init.HiddenUniform)] public Mat weight_hh_l0;
    /// <summary>Input and recurrent biases of r, z and n, stacked (3N each).</summary>
    [Parameter("3*N", Init = Init.HiddenUniform)] public Vec bias_ih_l0, bias_hh_l0;

    /// <summary>W_ih x + b_ih, stacked.</summary>
    public Vec inputPart => weight_ih_l0 * x + bias_ih_l0;
    /// <summary>W_hh h + b_hh, stacked.</summary>
    public Vec hiddenPart => weight_hh_l0 * h + bias_hh_l0;
    /// <summary>The reset gate r = σ(W_ir x + b_ir + W_hr h + b_hr).</summary>
    public Vec r => Sigmoid(Block(inputPart, 0, 3) + Block(hiddenPart, 0, 3));
    /// <summary>The update gate z = σ(W_iz x + b_iz + W_hz h + b_hz).</summary>
    public Vec z => Sigmoid(Block(inputPart, 1, 3) + Block(hiddenPart, 1, 3));
    /// <summary>The candidate n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)).</summary>
    public Vec n => Tanh(Block(inputPart, 2, 3) + r * Block(hiddenPart, 2, 3));

    /// <summary>h ← (1 − z) ⊙ n + z ⊙ h.</summary>
    [Update(nameof(h))] public Vec hNext => (1 - z) * n + z * h;
}
