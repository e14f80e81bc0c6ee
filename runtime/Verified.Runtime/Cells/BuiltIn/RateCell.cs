using static Verified.CellMath;

namespace Verified.Cells.BuiltIn;

/// <summary>Continuous-time rate network, Euler step Δt: h ← h + Δt(−h + W tanh(h) + V x + b).</summary>
[RecurrentCell(Name = "rate")]
public partial class RateCell
{
    /// <summary>The rates' state.</summary>
    [State("N")] public Vec h;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>Recurrent weights, N(0, g²/N).</summary>
    [Parameter("N", "N")] public Mat W;
    /// <summary>Input weights.</summary>
    [Parameter("N", "I")] public Mat V;
    /// <summary>Bias.</summary>
    [Parameter("N")] public Vec b;
    /// <summary>The Euler time step Δt.</summary>
    [Parameter, TimeStep] public Scalar dt = 0.1;

    /// <summary>One Euler step.</summary>
    [Update(nameof(h))] public Vec hNext => h + dt * (-h + W * Tanh(h) + V * x + b);
}
