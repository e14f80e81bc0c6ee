namespace Verified.Flossing;

/// <summary>The flossing loss or its gradient stopped being finite (e.g. an exponent of −∞); θ is left as it was.</summary>
public sealed class FlossingFailedException(int epoch, double[] exponents)
    : Exception($"flossing stopped at epoch {epoch}: the loss is not finite (λ = {string.Join(", ", exponents.Select(l => l.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}); a λ of −∞ means the tangent space collapsed (R_ii = 0)")
{
    public int Epoch { get; } = epoch;
}
