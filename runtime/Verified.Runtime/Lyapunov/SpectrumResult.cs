namespace Verified.Lyapunov;

/// <summary>
/// The first k Lyapunov exponents (descending, natural log, per step or per unit time for a cell
/// with a time step), the running estimate every <see cref="SpectrumOptions.RecordInterval"/>
/// accumulated steps and at the end (for convergence plots; <c>RunningSteps</c> holds the steps of
/// each point), Σλ and the time average of log|det D_s| beside it, and the raw sums S_i = Σ log R_ii.
/// </summary>
public sealed record SpectrumResult(
    double[] Exponents,
    double[][] Running,
    int[] RunningSteps,
    double SumExponents,
    double? MeanLogAbsDet,
    double[] LogRSums,
    int AccumulatedSteps,
    double TimeUnit,
    IReadOnlyList<string> Warnings);
