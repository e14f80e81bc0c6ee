using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verified.Dense;

/// <summary>
/// The SIMD operations the dense kernels are written in, once, over a vector type TV of T. Two
/// widths implement them: <see cref="Lanes512{T}"/> where the CPU runs 512-bit vectors natively
/// (AVX-512), <see cref="Lanes256{T}"/> elsewhere. Kernels take the width as a struct type
/// argument, so the JIT compiles each width separately and inlines every call.
/// </summary>
internal interface ISimd<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract int Count { get; }
    static abstract TV Zero { get; }
    static abstract TV AllBitsSet { get; }
    static abstract TV Load(ref T source, nuint offset);
    static abstract void Store(TV value, ref T target, nuint offset);
    static abstract TV Broadcast(T value);
    /// <summary>a·b + c, fused where the CPU has FMA.</summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);
    static abstract TV Multiply(TV a, TV b);
    static abstract TV Add(TV a, TV b);
    static abstract TV And(TV a, TV mask);
    /// <summary>mask ? a : b, lane by lane.</summary>
    static abstract TV Select(TV mask, TV a, TV b);
    static abstract T Sum(TV value);
    /// <summary>A mask of the lanes from <paramref name="first"/> on (none when first ≥ the width).</summary>
    static abstract TV LanesFrom(int first);
}

internal static class Simd
{
    /// <summary>Whether the kernels run on 512-bit vectors here.</summary>
    public static bool Wide => Vector512.IsHardwareAccelerated;

    /// <summary>Elements of T in one vector of the width the kernels use here.</summary>
    public static int Width<T>() where T : unmanaged, IFloatingPointIeee754<T> => Wide ? Vector512<T>.Count : Vector256<T>.Count;

    /// <summary><paramref name="length"/> rounded up to whole vectors of the width the kernels use here.</summary>
    public static int RoundUp<T>(int length) where T : unmanaged, IFloatingPointIeee754<T> => (length + Width<T>() - 1) / Width<T>() * Width<T>();
}

internal readonly struct Lanes256<T> : ISimd<Vector256<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
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
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);

    public static Vector256<T> LanesFrom(int first) =>
        Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(first)));
}

internal readonly struct Lanes512<T> : ISimd<Vector512<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
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
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);

    public static Vector512<T> LanesFrom(int first) =>
        Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(first)));
}
