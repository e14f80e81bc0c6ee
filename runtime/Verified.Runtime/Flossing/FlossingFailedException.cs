namespace Verified.Flossing;

/// <summary>The flossing loss or its gradient stopped being finite (e.g. an exponent of −∞); θ is left as it was. Names the epoch, and the phase of a training run it happened in.</summary>
public sealed class FlossingFailedException(int epoch, double[] exponents, string? phase = null)
    : Exception($"{(phase is null ? "" : phase + ", ")}flossing stopped at epoch {epoch}: the loss or its gradient is not finite (λ = {string.Join(", ", exponents.Select(l => l.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}); a λ of −∞ means the tangent space collapsed (R_ii = 0)")
{
    /// <summary>The flossing epoch that failed.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The exponents measured at that epoch.</summary>
    public double[] Exponents { get; } = exponents;
}
