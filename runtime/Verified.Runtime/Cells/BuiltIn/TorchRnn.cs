using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>
/// torch.nn.RNN (one layer, tanh): h' = tanh(W_ih x + b_ih + W_hh h + b_hh), with PyTorch's
/// parameter names, shapes and initialisation, so that a saved state_dict loads unchanged.
/// </summary>
[RecurrentCell(Name = "torch-rnn")]
public partial class TorchRnn
{
    /// <summary>The hidden state.</summary>
    [State("N")] public Vec h;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>Input weights W_ih (N × I).</summary>
    [Parameter("N", "I", Init = Init.HiddenUniform)] public Mat weight_ih_l0;
    /// <summary>Recurrent weights W_hh (N × N).</summary>
    [Parameter("N", "N", Init = Init.HiddenUniform)] public Mat weight_hh_l0;
    /// <summary>The input bias b_ih and the recurrent bias b_hh (PyTorch keeps both).</summary>
    [Parameter("N", Init = Init.HiddenUniform)] public Vec bias_ih_l0, bias_hh_l0;

    /// <summary>h ← tanh(W_ih x + b_ih + W_hh h + b_hh).</summary>
    [Update(nameof(h))] public Vec hNext => Tanh(weight_ih_l0 * x + bias_ih_l0 + weight_hh_l0 * h + bias_hh_l0);
}
