using Verified.Lyapunov;

namespace Verified.Cli.Output.Files;

/// <summary>What `spectrum --json` writes: the exponents in descending order, the column of Q each came from, Σλ beside mean log|det D|, the running estimate and, when asked for, the finite-time windows.</summary>
public sealed record SpectrumFile(
    RunConfiguration Configuration,
    string Cell,
    double[] Exponents,
    int[] QrOrder,
    string Unit,
    double? TimeStep,
    double SumExponents,
    double? MeanLogAbsDet,
    int StateSize,
    double[] LogRSums,
    int AccumulatedSteps,
    double[][] Running,
    int[] RunningSteps,
    IReadOnlyList<string> Warnings,
    WindowSummary? Windows) : CellRunFile("spectrum", Configuration)
{
    /// <summary>The file of <paramref name="spectrum"/> of a cell of <paramref name="stateSize"/> states.</summary>
    public static SpectrumFile Of(RunConfiguration configuration, string cell, int stateSize, SpectrumResult spectrum) => new(
        configuration, cell, spectrum.Exponents, spectrum.QrOrder, spectrum.Unit.Name, spectrum.Unit.TimeStep, spectrum.SumExponents,
        spectrum.MeanLogAbsDet, stateSize, spectrum.LogRSums, spectrum.AccumulatedSteps, spectrum.Running, spectrum.RunningSteps,
        spectrum.Warnings, spectrum.Windows is { } windows ? WindowSummary.Of(windows) : null);
}

/// <summary>The finite-time exponents over windows (<see cref="FiniteTimeWindows"/>) with the quantile levels their quantiles are at.</summary>
public sealed record WindowSummary(int Window, int Count, double[] Mean, double[] StandardDeviation, IReadOnlyList<double> QuantileLevels,
    double[][] Quantiles, double FractionLeadingPositive)
{
    /// <summary>The summary of <paramref name="windows"/>.</summary>
    public static WindowSummary Of(FiniteTimeWindows windows) => new(windows.Window, windows.Count, windows.Mean, windows.StandardDeviation,
        FiniteTimeWindows.QuantileLevels, windows.Quantiles, windows.FractionLeadingPositive);
}
