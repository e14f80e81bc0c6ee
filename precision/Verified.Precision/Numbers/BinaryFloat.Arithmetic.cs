using System.Numerics;
using System.Runtime.CompilerServices;

namespace Verified.Precision.Numbers;

public readonly partial struct BinaryFloat<TPrecision>
{
    /// <summary>a·b: the 128L-bit product of the mantissas, normalised, rounded half to even.</summary>
    public static BinaryFloat<TPrecision> operator *(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b)
    {
        if (a.IsZero || b.IsZero)
        {
            return Zero;
        }
        var l = L;
        Span<ulong> product = stackalloc ulong[2 * l];
        product.Clear();
        // A converted double has one non-zero limb: skip the zero limbs of either factor.
        for (var i = 0; i < l; i++)
        {
            ulong carry = 0;
            var ai = a._mantissa[i];
            if (ai == 0)
            {
                continue;
            }
            for (var j = 0; j < l; j++)
            {
                var high = Math.BigMul(ai, b._mantissa[j], out var low);
                var sum = low + product[i + j];
                high += sum < low ? 1UL : 0UL;
                sum += carry;
                high += sum < carry ? 1UL : 0UL;
                product[i + j] = sum;
                carry = high;
            }
            product[i + l] = carry;
        }
        var exponent = a._exponent + b._exponent;
        if ((product[2 * l - 1] >> 63) == 0)
        {
            ShiftLeft(product, 1);
            exponent--;
        }
        return RoundLimbs(product[l..], product[l - 1], AnyNonZero(product[..(l - 1)]), exponent, a._negative != b._negative);
    }

    /// <inheritdoc/>
    public static BinaryFloat<TPrecision> operator +(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b) =>
        a._negative == b._negative ? AddMagnitudes(a, b, a._negative) : SubtractMagnitudes(a, b);

    /// <inheritdoc/>
    public static BinaryFloat<TPrecision> operator -(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b) => a + -b;

    /// <summary>|a| + |b| with the given sign: align in an (L+1)-limb frame (one guard limb) plus a sticky bit.</summary>
    private static BinaryFloat<TPrecision> AddMagnitudes(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b, bool negative)
    {
        if (a.IsZero)
        {
            return new(b._mantissa, b._exponent, negative);
        }
        if (b.IsZero)
        {
            return new(a._mantissa, a._exponent, negative);
        }
        if (a._exponent < b._exponent)
        {
            (a, b) = (b, a);
        }
        var l = L;
        Span<ulong> x = stackalloc ulong[l + 1];
        Span<ulong> y = stackalloc ulong[l + 1];
        Frame(a, x);
        var sticky = AlignedFrame(b, a._exponent - b._exponent, y);
        var carry = AddInPlace(x, y);
        var exponent = a._exponent;
        if (carry != 0)
        {
            sticky |= (x[0] & 1) != 0;
            ShiftRightOne(x, carry);
            exponent++;
        }
        return RoundLimbs(x[1..], x[0], sticky, exponent, negative);
    }

    /// <summary>a + b for operands of opposite sign: the larger magnitude minus the aligned smaller, sticky folded in as a borrow.</summary>
    private static BinaryFloat<TPrecision> SubtractMagnitudes(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b)
    {
        if (b.IsZero)
        {
            return a;
        }
        if (a.IsZero)
        {
            return b;
        }
        var order = CompareMagnitude(a, b);
        if (order == 0)
        {
            return Zero;
        }
        if (order < 0)
        {
            (a, b) = (b, a);
        }
        var l = L;
        Span<ulong> x = stackalloc ulong[l + 1];
        Span<ulong> y = stackalloc ulong[l + 1];
        Frame(a, x);
        var sticky = AlignedFrame(b, a._exponent - b._exponent, y);
        // x − (y + ε) with 0 < ε < 1 unit of the guard limb = (x − y − 1) + (1 − ε): subtract one more, keep sticky.
        SubtractInPlace(x, y, borrow: sticky ? 1UL : 0UL);
        var leading = LeadingZeros(x);
        if (leading == 64 * (l + 1))
        {
            return Zero;
        }
        ShiftLeft(x, leading);
        return RoundLimbs(x[1..], x[0], sticky, a._exponent - leading, a._negative);
    }

    private static int CompareMagnitude(BinaryFloat<TPrecision> a, BinaryFloat<TPrecision> b)
    {
        if (a.IsZero || b.IsZero)
        {
            return (a.IsZero ? 0 : 1) - (b.IsZero ? 0 : 1);
        }
        if (a._exponent != b._exponent)
        {
            return a._exponent.CompareTo(b._exponent);
        }
        for (var i = L - 1; i >= 0; i--)
        {
            if (a._mantissa[i] != b._mantissa[i])
            {
                return a._mantissa[i].CompareTo(b._mantissa[i]);
            }
        }
        return 0;
    }

    /// <summary>The mantissa in limbs 1..L of an (L+1)-limb frame, limb 0 the guard limb.</summary>
    private static void Frame(BinaryFloat<TPrecision> value, Span<ulong> frame)
    {
        frame[0] = 0;
        for (var i = 0; i < L; i++)
        {
            frame[i + 1] = value._mantissa[i];
        }
    }

    /// <summary>The framed mantissa shifted right by <paramref name="shift"/> bits; true when set bits fell off the end.</summary>
    private static bool AlignedFrame(BinaryFloat<TPrecision> value, int shift, Span<ulong> frame)
    {
        var length = frame.Length;
        Span<ulong> source = stackalloc ulong[length];
        Frame(value, source);
        if (shift >= 64 * length)
        {
            frame.Clear();
            return true;
        }
        var limbs = shift / 64;
        var bits = shift % 64;
        var sticky = false;
        for (var i = 0; i < limbs; i++)
        {
            sticky |= source[i] != 0;
        }
        if (bits != 0)
        {
            sticky |= (source[limbs] & ((1UL << bits) - 1)) != 0;
        }
        for (var i = 0; i < length; i++)
        {
            var from = i + limbs;
            var low = from < length ? source[from] >> bits : 0;
            var high = bits != 0 && from + 1 < length ? source[from + 1] << (64 - bits) : 0;
            frame[i] = low | high;
        }
        return sticky;
    }

    /// <summary>Rounds an L-limb mantissa given the next 64 bits and a sticky bit, half to even.</summary>
    private static BinaryFloat<TPrecision> RoundLimbs(ReadOnlySpan<ulong> high, ulong next, bool sticky, int exponent, bool negative)
    {
        var limbs = new LimbBuffer();
        var l = L;
        for (var i = 0; i < l; i++)
        {
            limbs[i] = high[i];
        }
        const ulong half = 1UL << 63;
        if (next > half || (next == half && (sticky || (limbs[0] & 1) != 0)))
        {
            var i = 0;
            for (; i < l; i++)
            {
                limbs[i]++;
                if (limbs[i] != 0)
                {
                    break;
                }
            }
            if (i == l)
            {
                limbs[l - 1] = half;
                exponent++;
            }
        }
        return new BinaryFloat<TPrecision>(limbs, exponent, negative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnyNonZero(ReadOnlySpan<ulong> limbs)
    {
        foreach (var limb in limbs)
        {
            if (limb != 0)
            {
                return true;
            }
        }
        return false;
    }

    private static int LeadingZeros(ReadOnlySpan<ulong> limbs)
    {
        for (var i = limbs.Length - 1; i >= 0; i--)
        {
            if (limbs[i] != 0)
            {
                return 64 * (limbs.Length - 1 - i) + BitOperations.LeadingZeroCount(limbs[i]);
            }
        }
        return 64 * limbs.Length;
    }

    private static void ShiftLeft(Span<ulong> limbs, int shift)
    {
        var whole = shift / 64;
        var bits = shift % 64;
        for (var i = limbs.Length - 1; i >= 0; i--)
        {
            var from = i - whole;
            var value = from >= 0 ? limbs[from] << bits : 0;
            if (bits != 0 && from - 1 >= 0)
            {
                value |= limbs[from - 1] >> (64 - bits);
            }
            limbs[i] = value;
        }
    }

    private static void ShiftRightOne(Span<ulong> limbs, ulong carryIn)
    {
        for (var i = 0; i < limbs.Length; i++)
        {
            var next = i + 1 < limbs.Length ? limbs[i + 1] : carryIn;
            limbs[i] = (limbs[i] >> 1) | (next << 63);
        }
    }

    private static void ShiftRight(Span<ulong> limbs, int shift)
    {
        var whole = shift / 64;
        var bits = shift % 64;
        for (var i = 0; i < limbs.Length; i++)
        {
            var from = i + whole;
            var value = from < limbs.Length ? limbs[from] >> bits : 0;
            if (bits != 0 && from + 1 < limbs.Length)
            {
                value |= limbs[from + 1] << (64 - bits);
            }
            limbs[i] = value;
        }
    }

    /// <summary>target += addend over equal lengths; returns the carry out.</summary>
    private static ulong AddInPlace(Span<ulong> target, ReadOnlySpan<ulong> addend)
    {
        ulong carry = 0;
        for (var i = 0; i < target.Length; i++)
        {
            var sum = target[i] + addend[i];
            var overflow = sum < target[i] ? 1UL : 0UL;
            sum += carry;
            overflow += sum < carry ? 1UL : 0UL;
            target[i] = sum;
            carry = overflow;
        }
        return carry;
    }

    /// <summary>target −= subtrahend + borrow over equal lengths.</summary>
    private static void SubtractInPlace(Span<ulong> target, ReadOnlySpan<ulong> subtrahend, ulong borrow = 0)
    {
        for (var i = 0; i < target.Length; i++)
        {
            var difference = target[i] - subtrahend[i];
            var under = target[i] < subtrahend[i] ? 1UL : 0UL;
            var result = difference - borrow;
            under += difference < borrow ? 1UL : 0UL;
            target[i] = result;
            borrow = under;
        }
    }

    private static void Negate(Span<ulong> limbs)
    {
        ulong carry = 1;
        for (var i = 0; i < limbs.Length; i++)
        {
            var value = ~limbs[i] + carry;
            carry = value < carry ? 1UL : 0UL;
            limbs[i] = value;
        }
    }
}
