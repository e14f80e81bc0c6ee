using System.Numerics;
using Verified.Precision.Numbers;
using Verified.Randomness;
using Xunit;

namespace Verified.Precision.Tests.Numbers;

using Float256 = BinaryFloat<Bits256>;

/// <summary>The fast 256-bit type against the BigDecimal one (78 digits) on random operands far below and above 1.</summary>
public sealed class NumberAgreementTests
{
    private const int Operands = 100_000;

    [Theory]
    [InlineData('+')]
    [InlineData('-')]
    [InlineData('*')]
    [InlineData('/')]
    [InlineData('s')]
    public void Fast_type_agrees_with_BigDecimal_to_2_pow_minus_250(char operation)
    {
        var rng = new Rng((ulong)operation);
        var worst = double.NegativeInfinity;
        for (var i = 0; i < Operands / 5; i++)
        {
            var (a, da) = Random(rng);
            var (b, db) = Random(rng);
            var (fast, slow) = operation switch
            {
                '+' => (a + b, da + db),
                '-' => (a - b, da - db),
                '*' => (a * b, da * db),
                '/' => (a / b, da / db),
                _ => (Float256.Sqrt(Float256.Abs(a)), DecimalNumber.Sqrt(DecimalNumber.Abs(da))),
            };
            worst = Math.Max(worst, RelativeDifferenceLog2(fast, slow));
        }
        Assert.True(worst <= -250, $"worst relative difference 2^{worst:F1}");
    }

    [Fact]
    public void Dot_products_with_double_weights_agree_with_BigDecimal()
    {
        var rng = new Rng(11);
        var worst = double.NegativeInfinity;
        for (var trial = 0; trial < 300; trial++)
        {
            var length = 1 + (int)(rng.NextDouble() * 80);
            var weights = Enumerable.Range(0, length).Select(_ => rng.NextGaussian() * Math.Pow(2, rng.NextUniform(-40, 40))).ToArray();
            var pairs = Enumerable.Range(0, length).Select(_ => Random(rng)).ToArray();
            var fast = Float256.DotProduct(weights, pairs.Select(pair => pair.Item1).ToArray());
            var slow = DecimalNumber.DotProduct(weights, pairs.Select(pair => pair.Item2).ToArray());
            // Against the sum of |terms|, the scale at which cancellation is measured.
            var scale = Float256.DotProduct(weights.Select(Math.Abs).ToArray(), pairs.Select(pair => Float256.Abs(pair.Item1)).ToArray());
            worst = Math.Max(worst, RelativeDifferenceLog2(fast, slow) + (fast.Log2Abs() - scale.Log2Abs()));
        }
        Assert.True(worst <= -250, $"worst difference 2^{worst:F1} of the sum of |terms|");
    }

    [Fact]
    public void Doubles_convert_exactly()
    {
        var rng = new Rng(5);
        for (var i = 0; i < 1000; i++)
        {
            var value = rng.NextGaussian() * Math.Pow(2, rng.NextUniform(-1000, 1000));
            var (mantissa, exponent) = Float256.FromDouble(value).ToBigInteger();
            var (expectedMantissa, expectedExponent) = DecimalNumberParts(value);
            Assert.Equal(expectedMantissa * BigInteger.Pow(2, Math.Max(0, expectedExponent - exponent)),
                mantissa * BigInteger.Pow(2, Math.Max(0, exponent - expectedExponent)));
            Assert.Equal(value, Float256.FromDouble(value).ToDouble());
            Assert.Equal(value, DecimalNumber.FromDouble(value).ToDouble());
        }
    }

    [Fact]
    public void Rounding_is_to_nearest_even()
    {
        // 1 + 2^−256 is a tie between 1 and 1 + 2^−255: it rounds to the even mantissa, 1.
        var one = Float256.One;
        var tiny = Float256.FromBigInteger(BigInteger.One, -256);
        Assert.Equal(0, Float256.Compare(one + tiny, one));
        // 1 + 3·2^−257 is above the tie: it rounds up.
        var above = Float256.FromBigInteger(3, -257);
        Assert.Equal(1, Float256.Compare(one + above, one));
    }

    private static (BigInteger, int) DecimalNumberParts(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        return (bits < 0 ? -mantissa : mantissa, biased == 0 ? -1074 : biased - 1075);
    }

    /// <summary>A random 256-bit number 2^±300 and its exact value in BigDecimal (rounded to 78 digits).</summary>
    private static (Float256, DecimalNumber) Random(Rng rng)
    {
        var mantissa = BigInteger.One << 255;
        for (var limb = 0; limb < 4; limb++)
        {
            mantissa += (BigInteger)rng.NextUInt64() << (64 * limb) >> 1;
        }
        mantissa &= (BigInteger.One << 256) - 1;
        mantissa |= BigInteger.One << 255;
        if (rng.NextDouble() < 0.5)
        {
            mantissa = -mantissa;
        }
        var exponent = (int)rng.NextUniform(-300, 300) - 256;
        var fast = Float256.FromBigInteger(mantissa, exponent);
        var (m, e) = fast.ToBigInteger();
        return (fast, DecimalNumber.FromBinary(m, e));
    }

    /// <summary>log2 |d − b| / |b| computed exactly in integers.</summary>
    private static double RelativeDifferenceLog2(Float256 fast, DecimalNumber slow)
    {
        var (mb, eb) = fast.ToBigInteger();
        var (md, ed) = (slow.Mantissa, slow.Exponent);
        var x = md * BigInteger.Pow(10, Math.Max(0, ed)) * BigInteger.Pow(2, Math.Max(0, -eb));
        var y = mb * BigInteger.Pow(2, Math.Max(0, eb)) * BigInteger.Pow(10, Math.Max(0, -ed));
        var difference = BigInteger.Abs(x - y);
        if (difference.IsZero)
        {
            return double.NegativeInfinity;
        }
        return BigInteger.Log(difference, 2) - BigInteger.Log(BigInteger.Abs(y), 2);
    }
}
