using static Verified.CellMath;

namespace Verified.Cells;

/// <summary>Continuous-time rate network, Euler step Δt: h ← h + Δt(−h + W tanh(h) + V x + b).</summary>
[RecurrentCell(Name = "rate")]
public partial class RateCell
{
    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat W;
    [Parameter("N", "I")] public Mat V;
    [Parameter("N")] public Vec b;
    [Parameter, TimeStep] public Scalar dt = 0.1;

    [Update(nameof(h))] public Vec hNext => h + dt * (-h + W * Tanh(h) + V * x + b);
}
