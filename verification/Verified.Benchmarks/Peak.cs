using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Verified.Benchmarks;

/// <summary>
/// The machine's measured peak on one core: a tight loop of independent vector FMAs (eight accumulators,
/// enough to cover the FMA latency on current x86 cores) at the widest vector the runtime uses
/// (512 bits with AVX-512, 256 with <c>DOTNET_EnableAVX512=0</c>: on .NET 10 the older <c>DOTNET_EnableAVX512F=0</c> no longer turns AVX-512 off), in GFLOP/s, best of several runs.
/// </summary>
public static class Peak
{
    /// <summary>The widest vector width in bits the runtime accelerates.</summary>
    public static int VectorBits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    public static double GigaFlops<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const long iterations = 20_000_000;
        var best = 0.0;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            var lanes = VectorBits == 512 ? Loop512<T>(iterations) : Loop256<T>(iterations);
            var seconds = clock.Elapsed.TotalSeconds;
            best = Math.Max(best, 8.0 * 2 * lanes * iterations / seconds / 1e9);
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Loop512<T>(long iterations) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (a, b) = (Vector512.Create(T.CreateTruncating(0.999999)), Vector512.Create(T.CreateTruncating(1e-7)));
        Vector512<T> x0 = Vector512<T>.One, x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Fma(x0, a, b); x1 = Fma(x1, a, b);
            x2 = Fma(x2, a, b); x3 = Fma(x3, a, b);
            x4 = Fma(x4, a, b); x5 = Fma(x5, a, b);
            x6 = Fma(x6, a, b); x7 = Fma(x7, a, b);
        }
        Sink = Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7);
        return Vector512<T>.Count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Loop256<T>(long iterations) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (a, b) = (Vector256.Create(T.CreateTruncating(0.999999)), Vector256.Create(T.CreateTruncating(1e-7)));
        Vector256<T> x0 = Vector256<T>.One, x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Fma(x0, a, b); x1 = Fma(x1, a, b);
            x2 = Fma(x2, a, b); x3 = Fma(x3, a, b);
            x4 = Fma(x4, a, b); x5 = Fma(x5, a, b);
            x6 = Fma(x6, a, b); x7 = Fma(x7, a, b);
        }
        Sink = Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7);
        return Vector256<T>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
        : Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
        : Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    private static object? Sink { get; set; }
}
