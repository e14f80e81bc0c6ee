using System.Numerics;

namespace Verified.Precision.Numbers;

public readonly partial struct BinaryFloat<TPrecision>
{
    /// <summary>
    /// Σ w_k v_k with double weights (exact) and one rounding at the end: every product w_k·v_k is
    /// formed exactly (53 × 64L bits) and added into a signed fixed-point accumulator of 64(L+3)
    /// bits anchored at the largest term, so bits more than 64(L+2) below the largest term are the
    /// only ones dropped. This is the long-term product's inner loop, D_s·P with D_s from doubles.
    /// </summary>
    public static BinaryFloat<TPrecision> DotProduct(ReadOnlySpan<double> weights, ReadOnlySpan<BinaryFloat<TPrecision>> values)
    {
        var l = L;
        var width = l + 3;
        // Pass 1: the largest term's scale. A term is T·2^f with T < 2^(64(L+1)).
        var top = int.MinValue;
        for (var k = 0; k < weights.Length; k++)
        {
            if (weights[k] == 0 || values[k].IsZero)
            {
                continue;
            }
            top = Math.Max(top, Scale(weights[k]) + values[k]._exponent - Bits);
        }
        if (top == int.MinValue)
        {
            return Zero;
        }
        // Accumulator A (width limbs) with value A·2^(top − 64): the largest term lands in limbs 1..L+1, limb L+2 is headroom.
        Span<ulong> accumulator = stackalloc ulong[width];
        Span<ulong> term = stackalloc ulong[width];
        accumulator.Clear();
        for (var k = 0; k < weights.Length; k++)
        {
            var weight = weights[k];
            var value = values[k];
            if (weight == 0 || value.IsZero)
            {
                continue;
            }
            var bits = BitConverter.DoubleToInt64Bits(weight);
            var biased = (int)((bits >> 52) & 0x7FF);
            var mantissa = (ulong)(bits & 0xFFFFFFFFFFFFFL) | (biased == 0 ? 0UL : 1UL << 52);
            var f = Scale(weight) + value._exponent - Bits;
            // T = mantissa·M in limbs 0..L, then placed at offset 64 − (top − f) bits.
            term.Clear();
            ulong carry = 0;
            for (var i = 0; i < l; i++)
            {
                var high = Math.BigMul(mantissa, value._mantissa[i], out var low);
                low += carry;
                high += low < carry ? 1UL : 0UL;
                term[i] = low;
                carry = high;
            }
            term[l] = carry;
            var shift = 64 - (top - f);
            if (shift > 0)
            {
                ShiftLeft(term, shift);
            }
            else if (shift < 0)
            {
                ShiftRight(term, -shift);
            }
            var negative = (bits < 0) != value._negative;
            if (negative)
            {
                SubtractInPlace(accumulator, term);
            }
            else
            {
                AddInPlace(accumulator, term);
            }
        }
        var resultNegative = (long)accumulator[width - 1] < 0;
        if (resultNegative)
        {
            Negate(accumulator);
        }
        var leading = LeadingZeros(accumulator);
        if (leading == 64 * width)
        {
            return Zero;
        }
        ShiftLeft(accumulator, leading);
        // The top L limbs are the mantissa, the next limb the rounding bits, the rest sticky.
        var position = 64 * width - leading;   // bits above the accumulator's unit
        return RoundLimbs(accumulator[(width - l)..], accumulator[width - l - 1], AnyNonZero(accumulator[..(width - l - 1)]),
            position + top - 64, resultNegative);
    }

    /// <summary>e with |w| = m·2^e for a double's integer mantissa m.</summary>
    private static int Scale(double weight)
    {
        var biased = (int)((BitConverter.DoubleToInt64Bits(weight) >> 52) & 0x7FF);
        return biased == 0 ? -1074 : biased - 1075;
    }
}
