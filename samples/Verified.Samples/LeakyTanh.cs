using Verified;
using static Verified.CellMath;

namespace Verified.Samples;

/// <summary>A leaky tanh network: h ← (1 − α) h + α tanh(W h + V x + b).</summary>
[RecurrentCell(Name = "leaky-tanh")]
public partial class LeakyTanh
{
    public const double Alpha = 0.5;

    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat W;      // N(0, g²/N)
    [Parameter("N", "I")] public Mat V;      // N(0, 1)
    [Parameter("N")] public Vec b;           // zeros

    [Update(nameof(h))] public Vec hNext => (1 - Alpha) * h + Alpha * Tanh(W * h + V * x + b);
}
