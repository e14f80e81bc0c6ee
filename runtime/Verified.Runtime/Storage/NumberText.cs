using System.Globalization;

namespace Verified.Storage;

/// <summary>
/// How numbers print in tables, progress lines, reports and messages, in one format everywhere:
/// invariant culture and the shortest exponent (1.21E-10, 3.0E+2; never 1.21E-010).
/// </summary>
public static class NumberText
{
    /// <summary>Scientific notation with <paramref name="decimals"/> digits after the point: 8.86E-12.</summary>
    public static string Scientific(double value, int decimals = 2) =>
        value.ToString(decimals == 0 ? "0E+0" : "0." + new string('0', decimals) + "E+0", CultureInfo.InvariantCulture);

    /// <summary>A figure of a report: an integer as it is, a number between 1e-3 and 1e4 with up to 4 decimals, any other in <see cref="Scientific"/>.</summary>
    public static string Compact(double value) =>
        double.IsNaN(value) ? "NaN"
        : value == Math.Floor(value) && Math.Abs(value) < 1e6 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) is >= 1e-3 and < 1e4 ? value.ToString("0.####", CultureInfo.InvariantCulture)
        : Scientific(value);
}
