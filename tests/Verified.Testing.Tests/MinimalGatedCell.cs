using Verified;
using static Verified.CellMath;

namespace Verified.Testing.Tests;

/// <summary>A user's cell as a user's test project declares it: a minimal gated unit.</summary>
[RecurrentCell(Name = "minimal-gated")]
public partial class MinimalGatedCell
{
    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat Wf;
    [Parameter("N", "I")] public Mat Uf;
    [Parameter("N")] public Vec bf;
    [Parameter("N", "N")] public Mat W;
    [Parameter("N", "I")] public Mat U;

    public Vec f => Sigmoid(Wf * h + Uf * x + bf);

    [Update(nameof(h))] public Vec hNext => (1 - f) * h + f * Tanh(W * h + U * x);
}
