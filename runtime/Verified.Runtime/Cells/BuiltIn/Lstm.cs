using static Verified.CellMath;

namespace Verified.Cells;

/// <summary>The LSTM of the paper's Eq 12–17; the state is (h, c), of size 2N.</summary>
[RecurrentCell(Name = "lstm")]
public partial class Lstm
{
    [State("N")] public Vec h;
    [State("N")] public Vec c;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat Uf, Uo, Ui, Uc;
    [Parameter("N", "I")] public Mat Wf, Wo, Wi, Wc;
    [Parameter] public Scalar bf, bo, bi, bc;

    public Vec f => Sigmoid(Uf * h + Wf * x + bf);
    public Vec o => Sigmoid(Uo * h + Wo * x + bo);
    public Vec i => Sigmoid(Ui * h + Wi * x + bi);
    public Vec cTilde => Tanh(Uc * h + Wc * x + bc);

    [Update(nameof(c))] public Vec cNext => f * c + i * cTilde;
    [Update(nameof(h))] public Vec hNext => o * Tanh(cNext);
}
