namespace Verified.Lyapunov;

/// <summary>
/// The first k Lyapunov exponents, descending (natural log, in <see cref="Unit"/>: per unit time for
/// a cell with a time step, per step otherwise), and <see cref="QrOrder"/>, the column of Q (0-based,
/// Gram–Schmidt order) each came from; the running estimate every <see cref="SpectrumOptions.RecordInterval"/>
/// accumulated steps and at the end (for convergence plots, columns in the order of the exponents;
/// <c>RunningSteps</c> holds the steps of each point); Σλ and the time average of
/// log|det D_s| beside it (same unit); and the raw sums S_i = Σ log R_ii over
/// <see cref="AccumulatedSteps"/> steps (order of the exponents).
/// </summary>
public sealed record SpectrumResult(
    double[] Exponents,
    int[] QrOrder,
    double[][] Running,
    int[] RunningSteps,
    double SumExponents,
    double? MeanLogAbsDet,
    double[] LogRSums,
    int AccumulatedSteps,
    ExponentUnit Unit,
    IReadOnlyList<string> Warnings);
