using System.Globalization;
using System.Numerics;

namespace Verified.Precision.Numbers;

/// <summary>
/// A binary floating-point number with a mantissa of 64·L bits (L = TPrecision.Limbs; 256 or 512
/// bits), an int exponent and a sign: x = ±M·2^(E − 64L) with 2^(64L−1) ≤ M &lt; 2^(64L), or zero.
/// Every operation rounds to nearest, ties to even. Addition, subtraction and multiplication work on
/// the limbs directly (BinaryFloat.Arithmetic.cs); division and square root go through BigInteger.
/// </summary>
public readonly partial struct BinaryFloat<TPrecision> : IPrecisionNumber<BinaryFloat<TPrecision>>
    where TPrecision : struct, IBinaryPrecision
{
    private readonly LimbBuffer _mantissa;
    private readonly int _exponent;
    private readonly bool _negative;

    private BinaryFloat(LimbBuffer mantissa, int exponent, bool negative)
    {
        _mantissa = mantissa;
        _exponent = exponent;
        _negative = negative;
    }

    private static int L => TPrecision.Limbs;
    private static int Bits => 64 * TPrecision.Limbs;

    /// <inheritdoc/>
    public static BinaryFloat<TPrecision> Zero => default;

    /// <inheritdoc/>
    public static BinaryFloat<TPrecision> One => FromDouble(1.0);

    /// <inheritdoc/>
    public static int PrecisionBits => Bits;

    /// <inheritdoc/>
    public bool IsZero => _mantissa[L - 1] == 0;

    /// <summary>The value is below 0.</summary>
    public bool IsNegative => _negative && !IsZero;

    /// <summary>Exact: a double's 53-bit mantissa fits in the top limb.</summary>
    public static BinaryFloat<TPrecision> FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite doubles convert");
        }
        if (value == 0)
        {
            return Zero;
        }
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = (ulong)(bits & 0xFFFFFFFFFFFFFL);
        var mantissa = biased == 0 ? fraction : fraction | (1UL << 52);
        var power = biased == 0 ? -1074 : biased - 1075;
        var leading = BitOperations.LeadingZeroCount(mantissa);
        var limbs = new LimbBuffer();
        limbs[L - 1] = mantissa << leading;
        // value = mantissa·2^power = (mantissa << leading)·2^(power − leading); the top limb holds bits Bits−64..Bits−1.
        return new BinaryFloat<TPrecision>(limbs, power - leading + 64, bits < 0);
    }

    /// <summary>The value of m·2^e exactly, or rounded when m has more than 64L bits.</summary>
    public static BinaryFloat<TPrecision> FromBigInteger(BigInteger mantissa, int exponent) =>
        RoundBigInteger(BigInteger.Abs(mantissa), sticky: false, exponent, mantissa.Sign < 0);

    /// <inheritdoc/>
    public static BinaryFloat<TPrecision> operator -(BinaryFloat<TPrecision> a) => new(a._mantissa, a._exponent, !a._negative);

    /// <inheritdoc/>
    public static BinaryFloat<TPrecision> Abs(BinaryFloat<TPrecision> value) => new(value._mantissa, value._exponent, false);

    /// <inheritdoc/>
    public static int Compare(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b)
    {
        var (signA, signB) = (a.Sign, b.Sign);
        if (signA != signB)
        {
            return signA.CompareTo(signB);
        }
        var magnitude = CompareMagnitude(a, b);
        return signA >= 0 ? magnitude : -magnitude;
    }

    /// <summary>−1, 0 or 1.</summary>
    public int Sign => IsZero ? 0 : _negative ? -1 : 1;

    /// <summary>a/b: ⌊M_a·2^(64L+2)/M_b⌋ with the remainder as sticky bit, rounded.</summary>
    public static BinaryFloat<TPrecision> operator /(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException("division by a zero BinaryFloat");
        }
        if (a.IsZero)
        {
            return Zero;
        }
        var quotient = BigInteger.DivRem(a.MantissaInteger() << (Bits + 2), b.MantissaInteger(), out var remainder);
        // a/b = (M_a/M_b)·2^(E_a − E_b) = quotient·2^(E_a − E_b − Bits − 2) (+ remainder)
        return RoundBigInteger(quotient, !remainder.IsZero, a._exponent - b._exponent - Bits - 2, a._negative != b._negative);
    }

    /// <summary>√x: the integer square root of M scaled to more than 64L + 2 bits, the remainder as sticky bit.</summary>
    public static BinaryFloat<TPrecision> Sqrt(BinaryFloat<TPrecision> value)
    {
        if (value.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "square root of a negative number");
        }
        if (value.IsZero)
        {
            return Zero;
        }
        // x = M·2^e with e = E − Bits; make e even, then scale M by 2^(2s).
        var mantissa = value.MantissaInteger();
        var e = value._exponent - Bits;
        if ((e & 1) != 0)
        {
            mantissa <<= 1;
            e--;
        }
        var s = Bits / 2 + 4;
        var scaled = mantissa << (2 * s);
        var root = DecimalNumber.IntegerSqrt(scaled);
        return RoundBigInteger(root, root * root != scaled, e / 2 - s, negative: false);
    }

    /// <inheritdoc/>
    public double ToDouble()
    {
        if (IsZero)
        {
            return 0;
        }
        var top = (double)_mantissa[L - 1];
        var value = Math.ScaleB(top, _exponent - 64);
        return _negative ? -value : value;
    }

    /// <inheritdoc/>
    public double Log2Abs() => IsZero ? double.NegativeInfinity : Math.Log2(_mantissa[L - 1]) + _exponent - 64;

    /// <summary>M as a BigInteger.</summary>
    public BigInteger MantissaInteger()
    {
        var bytes = new byte[8 * L + 1];
        for (var i = 0; i < L; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(8 * i, 8), _mantissa[i]);
        }
        return new BigInteger(bytes);
    }

    /// <summary>The exact value as m·2^e.</summary>
    public (BigInteger Mantissa, int Exponent) ToBigInteger() =>
        (IsNegative ? -MantissaInteger() : MantissaInteger(), _exponent - Bits);

    /// <summary>The nearest double and the precision, "0.1 (256-bit)".</summary>
    public override string ToString() => ToDouble().ToString("R", CultureInfo.InvariantCulture) + $" ({Bits}-bit)";

    /// <summary>q·2^e (+ a sticky fraction below q's last bit), rounded to 64L bits, half to even.</summary>
    private static BinaryFloat<TPrecision> RoundBigInteger(BigInteger q, bool sticky, int e, bool negative)
    {
        if (q.IsZero)
        {
            return Zero;
        }
        var length = (int)q.GetBitLength();
        var shift = length - Bits;
        if (shift > 0)
        {
            var low = q & ((BigInteger.One << shift) - 1);
            q >>= shift;
            var half = BigInteger.One << (shift - 1);
            if (low > half || (low == half && (sticky || !q.IsEven)))
            {
                q += 1;
            }
            e += shift;
            if (q.GetBitLength() > Bits)
            {
                q >>= 1;
                e++;
            }
        }
        else
        {
            q <<= -shift;
            e += shift;
        }
        var limbs = new LimbBuffer();
        var bytes = q.ToByteArray(isUnsigned: true, isBigEndian: false);
        for (var i = 0; i < L; i++)
        {
            ulong limb = 0;
            for (var b = 0; b < 8 && 8 * i + b < bytes.Length; b++)
            {
                limb |= (ulong)bytes[8 * i + b] << (8 * b);
            }
            limbs[i] = limb;
        }
        return new BinaryFloat<TPrecision>(limbs, e + Bits, negative);
    }
}
