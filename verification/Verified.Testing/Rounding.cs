using System.Globalization;

namespace Verified.Testing;

/// <summary>Numbers as snapshots hold them: rounded to the significant digits that are meant to be stable, as invariant text.</summary>
public static class Rounding
{
    public static string Significant(double value, int digits) =>
        double.IsFinite(value) ? value.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    public static string[] Significant(IEnumerable<double> values, int digits) => [.. values.Select(value => Significant(value, digits))];
}
