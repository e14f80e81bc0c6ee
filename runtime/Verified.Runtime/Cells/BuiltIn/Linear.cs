namespace Verified.Cells.BuiltIn;

/// <summary>A linear map h_{s+1} = A h_s + V x_{s+1}: its exponents are log|μ_i(A)|.</summary>
[RecurrentCell(Name = "linear")]
public partial class Linear
{
    /// <summary>The state.</summary>
    [State("N")] public Vec h;
    /// <summary>The input.</summary>
    [Input("I")] public Vec x;
    /// <summary>The linear map, N(0, g²/N).</summary>
    [Parameter("N", "N")] public Mat A;
    /// <summary>Input weights.</summary>
    [Parameter("N", "I")] public Mat V;

    /// <summary>h ← A h + V x.</summary>
    [Update(nameof(h))] public Vec hNext => A * h + V * x;
}
