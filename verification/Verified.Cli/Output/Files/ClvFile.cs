using Verified.Lyapunov.Covariant;

namespace Verified.Cli.Output.Files;

/// <summary>What `clv --json` writes: the forward and covariant exponents, and at each recorded step the state, the vectors (one row per state element), their growth rates and angles.</summary>
public sealed record ClvFile(
    RunConfiguration Configuration,
    string Cell,
    double[] Exponents,
    int[] QrOrder,
    double[] CovariantExponents,
    string Unit,
    double? TimeStep,
    int StateSize,
    int[] Steps,
    double[][] States,
    IReadOnlyList<double[][]> Vectors,
    double[][] GrowthRates,
    int UnstableDimension,
    double[]? UnstableStableAngles,
    double[][] NeighbourAngles) : CellRunFile("clv", Configuration)
{
    /// <summary>The file of <paramref name="clv"/> for n states and k vectors, each n×k matrix written as n rows of k.</summary>
    public static ClvFile Of(RunConfiguration configuration, string cell, int n, int k, CovariantResult clv) => new(
        configuration, cell, clv.Exponents, clv.QrOrder, clv.CovariantExponents, clv.Unit.Name, clv.Unit.TimeStep, n, clv.Steps, clv.States,
        [.. clv.Vectors.Select(vectors => Enumerable.Range(0, n).Select(row => vectors.AsSpan(row * k, k).ToArray()).ToArray())],
        clv.GrowthRates, clv.UnstableDimension, clv.UnstableStableAngles, clv.NeighbourAngles);
}
