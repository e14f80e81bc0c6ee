using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>SIMD level-1 kernels on spans (System.Numerics.Vector&lt;T&gt;).</summary>
public static class Blas
{
    /// <summary>y += a·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy<T>(T a, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var length = y.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var va = new Vector<T>(a);
            for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vy = Vector.LoadUnsafe(ref ys, (nuint)i);
                var vx = Vector.LoadUnsafe(ref xs, (nuint)i);
                (vy + va * vx).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            Unsafe.Add(ref ys, i) += a * Unsafe.Add(ref xs, i);
        }
    }

    /// <summary>y = a·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleTo<T>(T a, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var length = y.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var va = new Vector<T>(a);
            for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
            {
                (va * Vector.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            Unsafe.Add(ref ys, i) = a * Unsafe.Add(ref xs, i);
        }
    }

    /// <summary>Σ x_i y_i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var length = x.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var sum = T.Zero;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var acc = Vector<T>.Zero;
            for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
            {
                acc += Vector.LoadUnsafe(ref xs, (nuint)i) * Vector.LoadUnsafe(ref ys, (nuint)i);
            }
            sum = Vector.Sum(acc);
        }
        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref xs, i) * Unsafe.Add(ref ys, i);
        }
        return sum;
    }

    /// <summary>Σ x_i: a broadcast vector's adjoint is its consumer's row sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var length = x.Length;
        ref var xs = ref MemoryMarshal.GetReference(x);
        var i = 0;
        var sum = T.Zero;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var acc = Vector<T>.Zero;
            for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
            {
                acc += Vector.LoadUnsafe(ref xs, (nuint)i);
            }
            sum = Vector.Sum(acc);
        }
        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref xs, i);
        }
        return sum;
    }

    /// <summary>x *= a.</summary>
    public static void Scale<T>(T a, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<T>(a);
            ref var xs = ref MemoryMarshal.GetReference(x);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref xs, (nuint)i) * va).StoreUnsafe(ref xs, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
