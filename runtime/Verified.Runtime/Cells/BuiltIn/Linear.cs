namespace Verified.Cells;

/// <summary>A linear map h_{s+1} = A h_s + V x_{s+1}: its exponents are log|μ_i(A)|.</summary>
[RecurrentCell(Name = "linear")]
public partial class Linear
{
    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat A;
    [Parameter("N", "I")] public Mat V;

    [Update(nameof(h))] public Vec hNext => A * h + V * x;
}
