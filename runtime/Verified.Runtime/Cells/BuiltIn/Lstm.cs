using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>The LSTM of the paper's Eq 12–17; the state is (h, c), of size 2N.</summary>
[RecurrentCell(Name = "lstm")]
public partial class Lstm
{
    /// <summary>The hidden state.</summary>
    [State("N")] public Vec h;
    /// <summary>The cell state.</summary>
    [State("N")] public Vec c;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>Recurrent weights of the forget, output and input gates and of the candidate.</summary>
    [Parameter("N", "N")] public Mat Uf, Uo, Ui, Uc;
    /// <summary>Input weights of the forget, output and input gates and of the candidate.</summary>
    [Parameter("N", "I")] public Mat Wf, Wo, Wi, Wc;
    /// <summary>Scalar biases of the forget, output and input gates and of the candidate (Eq 12–15).</summary>
    [Parameter] public Scalar bf, bo, bi, bc;

    /// <summary>The forget gate (Eq 12).</summary>
    public Vec f => Sigmoid(Uf * h + Wf * x + bf);
    /// <summary>The output gate (Eq 13).</summary>
    public Vec o => Sigmoid(Uo * h + Wo * x + bo);
    /// <summary>The input gate (Eq 14).</summary>
    public Vec i => Sigmoid(Ui * h + Wi * x + bi);
    /// <summary>The candidate c̃ (Eq 15).</summary>
    public Vec cTilde => Tanh(Uc * h + Wc * x + bc);

    /// <summary>c ← f ⊙ c + i ⊙ c̃ (Eq 16).</summary>
    [Update(nameof(c))] public Vec cNext => f * c + i * cTilde;
    /// <summary>h ← o ⊙ tanh(c) with the new c (Eq 17).</summary>
    [Update(nameof(h))] public Vec hNext => o * Tanh(cNext);
}
