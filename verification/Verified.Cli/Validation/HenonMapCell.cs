namespace Verified.Cli.Validation;

/// <summary>
/// The Hénon map (x, y) ← (1 − a x² + y, b x) at a = 1.4, b = 0.3 as a user would declare it; validate
/// compiles it on the fly like a --cell-file. Two states, a state-dependent Jacobian, and known
/// individual exponents: λ1 ≈ 0.41922, λ2 = ln b − λ1 (|det D| = b at every step).
/// </summary>
public static class HenonMapCell
{
    public const string Source = """
        using Verified;

        [RecurrentCell(Name = "henon")]
        public partial class HenonMap
        {
            [State(1)] public Vec x;
            [State(1)] public Vec y;
            [Parameter] public Scalar a = 1.4;
            [Parameter] public Scalar b = 0.3;

            [Update(nameof(x))] public Vec xNext => 1 - a * x * x + y;
            [Update(nameof(y))] public Vec yNext => b * x;
        }
        """;
}
