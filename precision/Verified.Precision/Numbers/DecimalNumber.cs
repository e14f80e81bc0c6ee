using System.Globalization;
using System.Numerics;
using ExtendedNumerics;

namespace Verified.Precision.Numbers;

/// <summary>
/// ExtendedNumerics.BigDecimal wrapped so that it behaves as a floating-point type: every result is
/// rounded (half to even) to <see cref="Digits"/> significant decimal digits by this type's own
/// rounding, doubles convert from their exact binary value, and division and square root are
/// computed here to that precision (the library truncates division and rounds inconsistently;
/// docs/design.md lists its traps). Its + − × are exact, and are used as such before rounding.
/// </summary>
public readonly struct DecimalNumber : IPrecisionNumber<DecimalNumber>
{
    private static int _digits = 78;
    private static BigInteger[] _powers = PowersOfTen(_digits * 2 + 700);
    private readonly BigDecimal _value;

    private DecimalNumber(BigDecimal value) => _value = value;

    /// <summary>Significant digits of every result (78 ≈ 259 bits by default).</summary>
    public static int Digits
    {
        get => _digits;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 16);
            _digits = value;
            _powers = PowersOfTen(value * 2 + 700);
        }
    }

    /// <inheritdoc/>
    public static DecimalNumber Zero => new(BigDecimal.Zero);
    /// <inheritdoc/>
    public static DecimalNumber One => new(BigDecimal.One);
    /// <inheritdoc/>
    public static int PrecisionBits => (int)Math.Floor(_digits * Math.Log2(10));

    /// <summary>The decimal mantissa m of the value m·10^e.</summary>
    public BigInteger Mantissa => _value.Mantissa;
    /// <summary>The decimal exponent e of the value m·10^e.</summary>
    public int Exponent => _value.Exponent;
    /// <inheritdoc/>
    public bool IsZero => _value.Mantissa.IsZero;

    /// <summary>m·2^e exactly: 2^−p = 5^p·10^−p.</summary>
    public static DecimalNumber FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite doubles convert");
        }
        var (mantissa, exponent) = BinaryParts(value);
        return FromBinary(mantissa, exponent);
    }

    /// <summary>m·2^e, exact before rounding to Digits.</summary>
    public static DecimalNumber FromBinary(BigInteger mantissa, int exponent) => exponent >= 0
        ? Round(mantissa << exponent, 0)
        : Round(mantissa * BigInteger.Pow(5, -exponent), exponent);

    /// <summary>Σ w_k v_k formed exactly (BigDecimal's + and × are exact) and rounded once.</summary>
    public static DecimalNumber DotProduct(ReadOnlySpan<double> weights, ReadOnlySpan<DecimalNumber> values)
    {
        var sum = BigDecimal.Zero;
        for (var k = 0; k < weights.Length; k++)
        {
            if (weights[k] == 0 || values[k].IsZero)
            {
                continue;
            }
            var (mantissa, exponent) = BinaryParts(weights[k]);
            var exact = exponent >= 0
                ? new BigDecimal(mantissa << exponent, 0)
                : new BigDecimal(mantissa * BigInteger.Pow(5, -exponent), exponent);
            sum += exact * values[k]._value;
        }
        return Round(sum);
    }

    /// <inheritdoc/>
    public static DecimalNumber operator +(DecimalNumber a, DecimalNumber b) => Round(a._value + b._value);
    /// <inheritdoc/>
    public static DecimalNumber operator -(DecimalNumber a, DecimalNumber b) => Round(a._value - b._value);
    /// <inheritdoc/>
    public static DecimalNumber operator *(DecimalNumber a, DecimalNumber b) => Round(a._value * b._value);
    /// <inheritdoc/>
    public static DecimalNumber operator -(DecimalNumber a) => new(-a._value);

    /// <summary>a/b: the quotient of the mantissas scaled to Digits + 2 digits, plus a sticky digit, then rounded.</summary>
    public static DecimalNumber operator /(DecimalNumber a, DecimalNumber b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException("division by a zero DecimalNumber");
        }
        if (a.IsZero)
        {
            return Zero;
        }
        var scale = Math.Max(0, _digits + 2 + DigitCount(b.Mantissa) - DigitCount(a.Mantissa));
        var quotient = BigInteger.DivRem(a.Mantissa * Power(scale), b.Mantissa, out var remainder);
        return Round(quotient * 10 + (remainder.IsZero ? 0 : quotient.Sign), a.Exponent - b.Exponent - scale - 1);
    }

    /// <summary>√x: the integer square root of the mantissa scaled to Digits + 2 digits, plus a sticky digit.</summary>
    public static DecimalNumber Sqrt(DecimalNumber value)
    {
        if (value._value.Mantissa.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "square root of a negative number");
        }
        if (value.IsZero)
        {
            return Zero;
        }
        var (mantissa, exponent) = (value.Mantissa, value.Exponent);
        if ((exponent & 1) != 0)
        {
            mantissa *= 10;
            exponent--;
        }
        var scale = Math.Max(0, _digits + 3 - DigitCount(mantissa) / 2);
        var scaled = mantissa * Power(2 * scale);
        var root = IntegerSqrt(scaled);
        return Round(root * 10 + (root * root == scaled ? 0 : 1), exponent / 2 - scale - 1);
    }

    /// <inheritdoc/>
    public static DecimalNumber Abs(DecimalNumber value) => new(BigDecimal.Abs(value._value));

    /// <inheritdoc/>
    public static int Compare(DecimalNumber a, DecimalNumber b) => (a._value - b._value).Mantissa.Sign;

    /// <inheritdoc/>
    public double ToDouble() =>
        double.Parse(_value.Mantissa.ToString(CultureInfo.InvariantCulture) + "E" + _value.Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public double Log2Abs()
    {
        if (IsZero)
        {
            return double.NegativeInfinity;
        }
        var digits = DigitCount(Mantissa);
        var drop = Math.Max(0, digits - 17);
        var leading = (double)BigInteger.Abs(Mantissa / Power(drop));
        return Math.Log2(leading) + (Exponent + drop) * Math.Log2(10);
    }

    /// <summary>The exact value as "mEe" (decimal).</summary>
    public override string ToString() => _value.Mantissa.ToString(CultureInfo.InvariantCulture) + "E" + _value.Exponent.ToString(CultureInfo.InvariantCulture);

    /// <summary>The mantissa m and exponent e of a finite double, x = m·2^e exactly.</summary>
    internal static (BigInteger Mantissa, int Exponent) BinaryParts(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        var mantissa = exponent == 0 ? fraction : fraction | (1L << 52);
        var power = exponent == 0 ? -1074 : exponent - 1075;
        return (negative ? -(BigInteger)mantissa : mantissa, power);
    }

    private static DecimalNumber Round(BigDecimal value) => Round(value.Mantissa, value.Exponent);

    /// <summary>m·10^e rounded half to even to Digits significant digits.</summary>
    private static DecimalNumber Round(BigInteger mantissa, int exponent)
    {
        var drop = DigitCount(mantissa) - _digits;
        if (drop > 0)
        {
            var unit = Power(drop);
            var quotient = BigInteger.DivRem(BigInteger.Abs(mantissa), unit, out var remainder);
            var twice = remainder * 2;
            if (twice > unit || (twice == unit && !quotient.IsEven))
            {
                quotient += 1;
            }
            mantissa = mantissa.Sign < 0 ? -quotient : quotient;
            exponent += drop;
        }
        return new DecimalNumber(new BigDecimal(mantissa, exponent));
    }

    private static int DigitCount(BigInteger value)
    {
        if (value.IsZero)
        {
            return 1;
        }
        var absolute = BigInteger.Abs(value);
        var estimate = (int)Math.Floor((double)(absolute.GetBitLength() - 1) * 0.30102999566398120) + 1;
        return absolute >= Power(estimate) ? estimate + 1 : estimate;
    }

    private static BigInteger Power(int exponent) => exponent < _powers.Length ? _powers[exponent] : BigInteger.Pow(10, exponent);

    private static BigInteger[] PowersOfTen(int count)
    {
        var powers = new BigInteger[count];
        powers[0] = BigInteger.One;
        for (var i = 1; i < count; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    internal static BigInteger IntegerSqrt(BigInteger value)
    {
        if (value.IsZero)
        {
            return value;
        }
        var x = BigInteger.One << (int)((value.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + value / x) >> 1;
            if (y >= x)
            {
                return x;
            }
            x = y;
        }
    }
}
