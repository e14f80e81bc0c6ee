using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// The SIMD operations the dense kernels are written in, once, over a vector type TV of T. Two
/// widths implement them: <see cref="Lanes512{T}"/> where the CPU runs 512-bit vectors natively
/// (AVX-512), <see cref="Lanes256{T}"/> elsewhere. Kernels take the width as a struct type
/// argument, so the JIT compiles each width separately and inlines every call.
/// </summary>
internal interface ISimd<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether the CPU has 32 vector registers at this width (AVX-512), so that twelve accumulators fit beside their operands.</summary>
    static abstract bool ManyRegisters { get; }
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
    /// <summary>
    /// The sums of four vectors, each bit for bit <see cref="Sum"/>'s (the runtime's order: each 128-bit block pairwise,
    /// then the blocks pairwise), from shuffles shared by the four instead of four reductions of their own.
    /// </summary>
    static abstract (T A, T B, T C, T D) Sum4(TV a, TV b, TV c, TV d);
    /// <summary>Lane <paramref name="lane"/> of <paramref name="value"/>.</summary>
    static abstract T Element(TV value, int lane);
    /// <summary>A mask of the lanes from <paramref name="first"/> on (none when first ≥ the width).</summary>
    static abstract TV LanesFrom(int first);
}
