namespace Verified.Checks;

/// <summary>Norm-wise relative errors used by every check.</summary>
public static class Compare
{
    /// <summary>max|a − e| / max(max|e|, max|a|); +∞ when anything is not finite, 0 when both are zero.</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        if (actual.Length != expected.Length)
        {
            throw new ArgumentException($"comparing {actual.Length} values with {expected.Length}");
        }
        double difference = 0, scale = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!double.IsFinite(actual[i]) || !double.IsFinite(expected[i]))
            {
                return double.PositiveInfinity;
            }
            difference = Math.Max(difference, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])));
        }
        return scale == 0 ? 0 : difference / scale;
    }

    /// <summary>|a − e| / max(|a|, |e|), as for one-element vectors.</summary>
    public static double RelativeError(double actual, double expected) => RelativeError([actual], [expected]);

    /// <summary>The relative error of float values against a double reference.</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        var widened = new double[actual.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }
        return RelativeError(widened, expected);
    }
}
