using System.Numerics;
using System.Runtime.Intrinsics;

namespace Verified.Dense;

/// <summary>The vector width the dense kernels run at on this CPU.</summary>
internal static class Simd
{
    /// <summary>Whether the kernels run on 512-bit vectors here.</summary>
    public static bool Wide => Vector512.IsHardwareAccelerated;

    /// <summary>Elements of T in one vector of the width the kernels use here.</summary>
    public static int Width<T>() where T : unmanaged, IFloatingPointIeee754<T> => Wide ? Vector512<T>.Count : Vector256<T>.Count;

    /// <summary><paramref name="length"/> rounded up to whole vectors of the width the kernels use here.</summary>
    public static int RoundUp<T>(int length) where T : unmanaged, IFloatingPointIeee754<T> => (length + Width<T>() - 1) / Width<T>() * Width<T>();
}
