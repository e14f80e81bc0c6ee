using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verified.Dense;

/// <summary><see cref="ISimd{TV, T}"/> on 512-bit vectors (AVX-512F).</summary>
internal readonly struct Lanes512<T> : ISimd<Vector512<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool ManyRegisters => true;
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    public static Vector512<T> AllBitsSet => Vector512<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T target, nuint offset) => value.StoreUnsafe(ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            return Avx512F.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        if (typeof(T) == typeof(float))
        {
            return Avx512F.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
        return a * b + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> And(Vector512<T> a, Vector512<T> mask) => a & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Select(Vector512<T> mask, Vector512<T> a, Vector512<T> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Element(Vector512<T> value, int lane) => value.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);

    /// <summary>
    /// Vector512.Sum adds each 128-bit block pairwise ((x0 + x1) + (x2 + x3) for floats, x0 + x1 for doubles) and then the
    /// four blocks as (r0 + r1) + (r2 + r3). Here the in-block sums of the four vectors come from two levels of
    /// even-plus-odd shuffles across pairs of vectors, and the blocks meet through two 128-bit block swaps: every
    /// addition is one of Sum's, so every result is its to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T A, T B, T C, T D) Sum4(Vector512<T> a, Vector512<T> b, Vector512<T> c, Vector512<T> d)
    {
        if (typeof(T) == typeof(float))
        {
            // Per block: [a01, a23, b01, b23] and [c01, c23, d01, d23], then [a, b, c, d].
            var sums = PairSums(PairSums(a.AsSingle(), b.AsSingle()), PairSums(c.AsSingle(), d.AsSingle()));
            var total = AcrossBlocks(sums);
            return ((T)(object)total.GetElement(0), (T)(object)total.GetElement(1), (T)(object)total.GetElement(2), (T)(object)total.GetElement(3));
        }
        if (typeof(T) == typeof(double))
        {
            // Per block: [a01, b01] and [c01, d01].
            var first = AcrossBlocks(PairSums(a.AsDouble(), b.AsDouble()));
            var second = AcrossBlocks(PairSums(c.AsDouble(), d.AsDouble()));
            return ((T)(object)first.GetElement(0), (T)(object)first.GetElement(1), (T)(object)second.GetElement(0), (T)(object)second.GetElement(1));
        }
        return (Sum(a), Sum(b), Sum(c), Sum(d));
    }

    /// <summary>Per 128-bit block [x0 + x1, x2 + x3, y0 + y1, y2 + y3]: evens plus odds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairSums(Vector512<float> x, Vector512<float> y) =>
        Avx512F.Shuffle(x, y, 0b10_00_10_00) + Avx512F.Shuffle(x, y, 0b11_01_11_01);

    /// <summary>Per 128-bit block [x0 + x1, y0 + y1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PairSums(Vector512<double> x, Vector512<double> y) =>
        Avx512F.Shuffle(x, y, 0b0000_0000) + Avx512F.Shuffle(x, y, 0b1111_1111);

    /// <summary>
    /// Block 0 ← (r0 + r1) + (r2 + r3) of the four 128-bit blocks r: blocks swapped in pairs, then halves swapped. The swaps
    /// move bits, whatever the element type; the additions are T's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<TE> AcrossBlocks<TE>(Vector512<TE> r) where TE : unmanaged, IFloatingPointIeee754<TE>
    {
        var pairs = r + Avx512F.Shuffle4x128(r.AsSingle(), r.AsSingle(), 0b10_11_00_01).As<float, TE>();
        return pairs + Avx512F.Shuffle4x128(pairs.AsSingle(), pairs.AsSingle(), 0b01_00_11_10).As<float, TE>();
    }

    public static Vector512<T> LanesFrom(int first) =>
        Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(first)));
}
