using System.Globalization;

namespace Verified.Testing;

/// <summary>Numbers as snapshots hold them: rounded to the significant digits that are meant to be stable, as invariant text.</summary>
public static class Rounding
{
    /// <summary><paramref name="value"/> with <paramref name="digits"/> significant digits ("1.23457E+002"); NaN and ±∞ as .NET writes them.</summary>
    public static string Significant(double value, int digits) =>
        double.IsFinite(value) ? value.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each of <paramref name="values"/> with <paramref name="digits"/> significant digits.</summary>
    public static string[] Significant(IEnumerable<double> values, int digits) => [.. values.Select(value => Significant(value, digits))];
}
