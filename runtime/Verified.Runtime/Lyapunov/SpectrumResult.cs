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
/// <param name="Exponents">λ1…λk, descending.</param>
/// <param name="QrOrder">The column of Q (0-based, Gram–Schmidt order) each exponent came from.</param>
/// <param name="Running">The estimate of λ1…λk every record interval of counted steps and at the end, columns in the order of <paramref name="Exponents"/>.</param>
/// <param name="RunningSteps">The counted steps behind each row of <paramref name="Running"/>.</param>
/// <param name="SumExponents">Σλᵢ.</param>
/// <param name="MeanLogAbsDet">The time average of log|det D_s| in the unit of the exponents (equal to Σλᵢ when k = n), or null when not tracked.</param>
/// <param name="LogRSums">The raw sums Sᵢ = Σ log R_ii.</param>
/// <param name="AccumulatedSteps">The steps the sums cover.</param>
/// <param name="Unit">The exponents' unit: per unit time (λᵢ = Sᵢ / (steps·Δt)) for a cell with a time step, per step otherwise.</param>
/// <param name="Warnings">What the run noticed, such as an R_ii of 0 (an exponent of −∞).</param>
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
    IReadOnlyList<string> Warnings)
{
    /// <summary>The finite-time exponents over windows of <see cref="SpectrumOptions.Window"/> steps; null when not asked for.</summary>
    public FiniteTimeWindows? Windows { get; init; }
}
