using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>
/// torch.nn.LSTM (one layer): the gates i, f, g, o are the four blocks, in that order, of
/// W_ih x + b_ih + W_hh h + b_hh; c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'). The state is (h, c), of
/// size 2N; parameter names, stacked shapes and initialisation are PyTorch's.
/// </summary>
[RecurrentCell(Name = "torch-lstm")]
public partial class TorchLstm
{
    /// <summary>The hidden state.</summary>
    [State("N")] public Vec h;
    /// <summary>The cell state.</summary>
    [State("N")] public Vec c;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>Input weights of the gates i, f, g, o, stacked (4N × I).</summary>
    [Parameter("4*N", "I", Init = Init.HiddenUniform)] public Mat weight_ih_l0;
    /// <summary>Recurrent weights of the gates i, f, g, o, stacked (4N × N).</summary>
    [Parameter("4*N", "N", Init = Init.HiddenUniform)] public Mat weight_hh_l0;
    /// <summary>Input and recurrent biases of the gates i, f, g, o, stacked (4N each).</summary>
    [Parameter("4*N", Init = Init.HiddenUniform)] public Vec bias_ih_l0, bias_hh_l0;

    /// <summary>The four gates' pre-activations, stacked: W_ih x + b_ih + W_hh h + b_hh.</summary>
    public Vec gates => weight_ih_l0 * x + bias_ih_l0 + weight_hh_l0 * h + bias_hh_l0;
    /// <summary>The input gate i = σ(block 0).</summary>
    public Vec i => Sigmoid(Block(gates, 0, 4));
    /// <summary>The forget gate f = σ(block 1).</summary>
    public Vec f => Sigmoid(Block(gates, 1, 4));
    /// <summary>The cell candidate g = tanh(block 2).</summary>
    public Vec g => Tanh(Block(gates, 2, 4));
    /// <summary>The output gate o = σ(block 3).</summary>
    public Vec o => Sigmoid(Block(gates, 3, 4));

    /// <summary>c ← f ⊙ c + i ⊙ g.</summary>
    [Update(nameof(c))] public Vec cNext => f * c + i * g;
    /// <summary>h ← o ⊙ tanh(c').</summary>
    [Update(nameof(h))] public Vec hNext => o * Tanh(cNext);
}
