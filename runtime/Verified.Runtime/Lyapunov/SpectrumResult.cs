namespace Verified.Lyapunov;

/// <summary>
/// The first k Lyapunov exponents (descending, natural log, per step or per unit time for a cell
/// with a time step), the running estimate after each re-orthonormalisation (for convergence
/// plots), Σλ and the time average of log|det D_s| beside it, and the raw sums S_i = Σ log R_ii.
/// </summary>
/// <param name="Exponents">λ1…λk.</param>
/// <param name="Running">The estimate of λ1…λk after each re-orthonormalisation that counted.</param>
/// <param name="RunningSteps">The counted steps behind each row of <paramref name="Running"/>.</param>
/// <param name="SumExponents">Σλᵢ.</param>
/// <param name="MeanLogAbsDet">The time average of log|det D_s| in the unit of the exponents (equal to Σλᵢ when k = n), or null when not tracked.</param>
/// <param name="LogRSums">The raw sums Sᵢ = Σ log R_ii.</param>
/// <param name="AccumulatedSteps">The steps the sums cover.</param>
/// <param name="TimeUnit">Δt of a cell with a time step, else 1: λᵢ = Sᵢ / (steps·Δt).</param>
/// <param name="Warnings">What the run noticed, such as an R_ii of 0 (an exponent of −∞).</param>
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
