namespace Verified.Lyapunov;

/// <summary>
/// The unit of Lyapunov exponents, one rule for every command: per unit time for a cell with a time
/// step Δt (λ_i = Σ log R_ii / (steps · Δt)), per step otherwise (λ_i = Σ log R_ii / steps). Targets
/// of flossing and the mean of log|det D_s| are in the same unit.
/// </summary>
public sealed record ExponentUnit(double? TimeStep)
{
    /// <summary>The unit of a cell at θ: Δt from its time-step parameter or constant, or none.</summary>
    public static ExponentUnit Of<T>(CellLayout layout, ReadOnlySpan<T> theta) where T : System.Numerics.INumberBase<T> => new(layout.TimeStep(theta));

    /// <summary>How long one step lasts in this unit: Δt, or 1 per step.</summary>
    public double StepDuration => TimeStep ?? 1.0;

    /// <summary>"per unit time" or "per step", as the JSON of every command names it.</summary>
    public string Name => TimeStep is null ? "per step" : "per unit time";
}
