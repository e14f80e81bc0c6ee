namespace Verified.Precision.Numbers;

/// <summary>
/// A number of the precision path: a fixed working precision, every result rounded to it, doubles
/// converted exactly. Implemented by <see cref="BinaryFloat{TPrecision}"/> (the workhorse) and
/// <see cref="DecimalNumber"/> (the BigDecimal cross-check).
/// </summary>
public interface IPrecisionNumber<T> where T : struct, IPrecisionNumber<T>
{
    /// <summary>0.</summary>
    static abstract T Zero { get; }

    /// <summary>1.</summary>
    static abstract T One { get; }

    /// <summary>Bits of the working precision (binary digits, or the equivalent of the decimal digits).</summary>
    static abstract int PrecisionBits { get; }

    /// <summary>The exact value of <paramref name="value"/>.</summary>
    static abstract T FromDouble(double value);

    /// <summary>a + b, rounded to nearest (ties to even) at the working precision.</summary>
    static abstract T operator +(T a, T b);

    /// <summary>a − b, rounded.</summary>
    static abstract T operator -(T a, T b);

    /// <summary>a·b, rounded.</summary>
    static abstract T operator *(T a, T b);

    /// <summary>a/b, rounded.</summary>
    static abstract T operator /(T a, T b);

    /// <summary>−a, exact.</summary>
    static abstract T operator -(T a);

    /// <summary>√x of a non-negative x, rounded.</summary>
    static abstract T Sqrt(T value);

    /// <summary>|x|, exact.</summary>
    static abstract T Abs(T value);

    /// <summary>−1, 0 or 1 as a is below, equal to or above b.</summary>
    static abstract int Compare(T a, T b);

    /// <summary>Σ w_k v_k with the doubles w_k taken exactly and a single rounding at the end.</summary>
    static abstract T DotProduct(ReadOnlySpan<double> weights, ReadOnlySpan<T> values);

    /// <summary>The value is 0.</summary>
    bool IsZero { get; }

    /// <summary>The nearest double.</summary>
    double ToDouble();

    /// <summary>log2 |x| to double accuracy, for numbers far outside the double range; −∞ for zero.</summary>
    double Log2Abs();
}
