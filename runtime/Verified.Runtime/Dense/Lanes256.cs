using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verified.Dense;

/// <summary><see cref="ISimd{TV, T}"/> on 256-bit vectors, with FMA3 where the CPU has it.</summary>
internal readonly struct Lanes256<T> : ISimd<Vector256<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static bool ManyRegisters => false;
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;
    public static Vector256<T> AllBitsSet => Vector256<T>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T target, nuint offset) => value.StoreUnsafe(ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (Fma.IsSupported && typeof(T) == typeof(double))
        {
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        if (Fma.IsSupported && typeof(T) == typeof(float))
        {
            return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
        return a * b + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> And(Vector256<T> a, Vector256<T> mask) => a & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Select(Vector256<T> mask, Vector256<T> a, Vector256<T> b) => Vector256.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Element(Vector256<T> value, int lane) => value.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);

    /// <summary>
    /// Vector256.Sum adds each 128-bit block pairwise ((x0 + x1) + (x2 + x3) for floats, x0 + x1 for doubles) and then
    /// the two blocks. Here the in-block sums of the four vectors come from horizontal adds across pairs of vectors and
    /// the blocks meet through one block swap: every addition is one of Sum's, so every result is its to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T A, T B, T C, T D) Sum4(Vector256<T> a, Vector256<T> b, Vector256<T> c, Vector256<T> d)
    {
        if (Avx.IsSupported && typeof(T) == typeof(float))
        {
            // Per block: [a01, a23, b01, b23] and [c01, c23, d01, d23], then [a, b, c, d].
            var sums = Avx.HorizontalAdd(Avx.HorizontalAdd(a.AsSingle(), b.AsSingle()), Avx.HorizontalAdd(c.AsSingle(), d.AsSingle()));
            var total = sums + Avx.Permute2x128(sums, sums, 0b0000_0001);
            return ((T)(object)total.GetElement(0), (T)(object)total.GetElement(1), (T)(object)total.GetElement(2), (T)(object)total.GetElement(3));
        }
        if (Avx.IsSupported && typeof(T) == typeof(double))
        {
            // Per block: [a01, b01] and [c01, d01].
            var first = Avx.HorizontalAdd(a.AsDouble(), b.AsDouble());
            var second = Avx.HorizontalAdd(c.AsDouble(), d.AsDouble());
            first += Avx.Permute2x128(first, first, 0b0000_0001);
            second += Avx.Permute2x128(second, second, 0b0000_0001);
            return ((T)(object)first.GetElement(0), (T)(object)first.GetElement(1), (T)(object)second.GetElement(0), (T)(object)second.GetElement(1));
        }
        return (Sum(a), Sum(b), Sum(c), Sum(d));
    }

    public static Vector256<T> LanesFrom(int first) =>
        Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(first)));
}
