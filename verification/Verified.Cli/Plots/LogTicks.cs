using System.Globalization;

namespace Verified.Cli.Plots;

/// <summary>
/// Ticks of a logarithmic axis, whose coordinates are log10 of the values. Over more than four
/// decades: a labelled tick at whole decades (10⁻³, 10⁻², …; every 2nd, 5th or 10th decade when
/// there are many) and minor ticks at 2…9 × 10ᵏ. Over one to four decades: labelled ticks at
/// 1, 2 and 5 × 10ᵏ (0.002, 0.005, 0.01, …). Over a third of a decade to one: every 1…9 × 10ᵏ
/// (0.04, 0.05, …, 0.1, 0.2, 0.3). Over less: evenly spaced round values.
/// </summary>
public static class LogTicks
{
    /// <summary>One tick at log10 coordinate <paramref name="Position"/>; a minor tick has no label.</summary>
    /// <param name="Position">log10 of the value.</param>
    /// <param name="Label">The value as text, or null for a minor tick.</param>
    public sealed record Tick(double Position, string? Label);

    /// <summary>The ticks between <paramref name="low"/> and <paramref name="high"/> (log10 coordinates).</summary>
    public static IReadOnlyList<Tick> Between(double low, double high)
    {
        if (!(high > low))
        {
            (low, high) = (low - 0.5, low + 0.5);
        }
        var decades = high - low;
        var ticks = new List<Tick>();
        var first = (int)Math.Floor(low);
        var last = (int)Math.Ceiling(high);
        if (decades > 4)
        {
            var step = new[] { 1, 2, 5, 10, 20, 50, 100 }.First(step => decades / step <= 10);
            for (var k = first; k <= last; k++)
            {
                ticks.Add(new Tick(k, k % step == 0 ? Decade(k) : null));
                if (step == 1)
                {
                    ticks.AddRange(Enumerable.Range(2, 8).Select(m => new Tick(k + Math.Log10(m), null)));
                }
            }
        }
        else if (decades > 0.3)
        {
            for (var k = first; k <= last; k++)
            {
                ticks.AddRange(Enumerable.Range(1, 9).Select(m =>
                    new Tick(k + Math.Log10(m), decades <= 1 || m is 1 or 2 or 5 ? Number(m * Math.Pow(10, k)) : null)));
            }
        }
        else
        {
            var (from, to) = (Math.Pow(10, low), Math.Pow(10, high));
            var step = NiceStep((to - from) / 5);
            // Multiples of the step from the first at or above the low end (with a tolerance for rounding in 10^low).
            for (var multiple = Math.Ceiling(from / step - 1e-9); multiple * step <= to * (1 + 1e-9); multiple++)
            {
                ticks.Add(new Tick(Math.Log10(multiple * step), Number(multiple * step)));
            }
        }
        return [.. ticks.Where(tick => tick.Position >= low - 1e-9 && tick.Position <= high + 1e-9)];
    }

    /// <summary>10ᵏ.</summary>
    private static string Decade(int k) => MathText.Render(string.Create(CultureInfo.InvariantCulture, $"10^{{{k}}}"));

    /// <summary>A positive value to three significant digits: plain between 0.001 and 10⁵ (0.002, 5000), else m×10ᵏ (2×10⁻⁵, 10⁸).</summary>
    public static string Number(double value)
    {
        var rounded = double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == 0 || (Math.Abs(rounded) >= 1e-3 && Math.Abs(rounded) < 1e5))
        {
            return rounded.ToString("0.##########", CultureInfo.InvariantCulture);
        }
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(rounded)));
        var mantissa = Math.Round(rounded / Math.Pow(10, exponent), 2);
        return mantissa == 1 ? Decade(exponent) : mantissa.ToString("0.##", CultureInfo.InvariantCulture) + "×" + Decade(exponent);
    }

    /// <summary>The round step (1, 2 or 5 × 10ᵏ) nearest above <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * power).First(step => step >= rough);
    }
}
