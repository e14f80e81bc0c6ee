using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verified.Dense;

/// <summary>Fused multiply-add on 256-bit vectors of float or double (FMA3 where the CPU has it), and lane masks.</summary>
internal static class Simd
{
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Fma.IsSupported)
        {
            if (typeof(T) == typeof(double))
            {
                return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
            }
            if (typeof(T) == typeof(float))
            {
                return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            }
        }
        return a * b + c;
    }

    /// <summary>A mask of the lanes from <paramref name="first"/> on (none when first ≥ the width).</summary>
    public static Vector256<T> LanesFrom<T>(int first) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> lanes = stackalloc T[Vector256<T>.Count];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = T.CreateTruncating(lane);
        }
        return Vector256.GreaterThanOrEqual(Vector256.Create<T>(lanes), Vector256.Create(T.CreateTruncating(first)));
    }
}
