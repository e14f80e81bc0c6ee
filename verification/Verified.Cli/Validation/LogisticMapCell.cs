namespace Verified.Cli.Validation;

/// <summary>The logistic map x ← r x (1 − x) as a user would declare it; validate compiles it on the fly like a --cell-file.</summary>
public static class LogisticMapCell
{
    public const string Source = """
        using Verified;

        [RecurrentCell(Name = "logistic")]
        public partial class LogisticMap
        {
            [State(1)] public Vec x;
            [Parameter] public Scalar r = 4.0;

            [Update(nameof(x))] public Vec xNext => r * x * (1 - x);
        }
        """;
}
