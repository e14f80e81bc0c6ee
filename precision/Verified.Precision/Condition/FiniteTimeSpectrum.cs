using Verified.Precision.Numbers;

namespace Verified.Precision.Condition;

/// <summary>
/// The paper's Eq 3 at one horizon t: the finite-time exponents (1/t) log σ_i(T_t Q), i = 1…m, per step,
/// from the singular values of the product at the working precision; they approach λ_i as t grows, with
/// an offset of order one in log σ_i (docs/design.md, "The condition number"). σ_i counts as resolved
/// while log2(σ_1/σ_i) + <see cref="ConditionRun.Margin"/> stays within the precision; null otherwise.
/// </summary>
/// <param name="Horizon">t − τ in steps.</param>
/// <param name="Exponents">(1/t) log σ_i per step, descending; null where σ_i is not resolved.</param>
public sealed record FiniteTimeSpectrum(int Horizon, double?[] Exponents)
{
    /// <summary>The finite-time exponents of singular values <paramref name="sigma"/> (descending) of a product over <paramref name="horizon"/> steps at <paramref name="bits"/> bits.</summary>
    public static FiniteTimeSpectrum Of<T>(int horizon, IReadOnlyList<T> sigma, int bits) where T : struct, IPrecisionNumber<T>
    {
        var top = sigma[0].Log2Abs();
        return new FiniteTimeSpectrum(horizon, [.. sigma.Select(value =>
        {
            var log2 = value.Log2Abs();
            return double.IsFinite(log2) && top - log2 + ConditionRun.Margin <= bits ? log2 * Math.Log(2) / horizon : (double?)null;
        })]);
    }

    /// <summary>
    /// The least-squares slope of log σ_i = t · (1/t) log σ_i against t over the <paramref name="spectra"/> where σ_i is
    /// resolved (null with fewer than two): Eq 3's λ_i freed of the offset of order one, as the slope test of Eq 10.
    /// </summary>
    public static double?[] Slopes(IReadOnlyList<FiniteTimeSpectrum> spectra, int count) => [.. Enumerable.Range(0, count).Select(i =>
    {
        var points = spectra.Where(spectrum => spectrum.Exponents[i] is not null).Select(spectrum => (t: (double)spectrum.Horizon, y: spectrum.Exponents[i]!.Value * spectrum.Horizon)).ToList();
        if (points.Count < 2)
        {
            return (double?)null;
        }
        var (meanT, meanY) = (points.Average(point => point.t), points.Average(point => point.y));
        return points.Sum(point => (point.t - meanT) * (point.y - meanY)) / points.Sum(point => (point.t - meanT) * (point.t - meanT));
    })];
}
