using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verified.Benchmarks;

/// <summary>
/// The machine's measured peak on one core: a tight loop of independent vector FMAs (twelve
/// accumulators, more than the FMA latency × throughput of current x86 cores needs) at the widest
/// vector the runtime uses (512 bits with AVX-512; 256 with <c>DOTNET_EnableAVX512=0</c>: on .NET 10
/// the older <c>DOTNET_EnableAVX512F=0</c> no longer turns AVX-512 off), in GFLOP/s, best of several runs.
/// </summary>
public static class Peak
{
    /// <summary>The widest vector width in bits the runtime accelerates.</summary>
    public static int VectorBits => Avx512F.IsSupported ? 512 : 256;

    /// <summary>One core's FMA peak in GFLOP/s for double (<paramref name="single"/> false) or float.</summary>
    public static double GigaFlops(bool single)
    {
        const long iterations = 20_000_000;
        var best = 0.0;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            Sink += (VectorBits, single) switch
            {
                (512, false) => Loop512Double(iterations),
                (512, true) => Loop512Single(iterations),
                (_, false) => Loop256Double(iterations),
                _ => Loop256Single(iterations),
            };
            var lanesPerFma = VectorBits / (single ? 32 : 64);
            best = Math.Max(best, 12.0 * 2 * lanesPerFma * iterations / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop512Double(long iterations)
    {
        var (a, b) = (Vector512.Create(0.999999), Vector512.Create(1e-7));
        Vector512<double> x0 = Vector512<double>.One, x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Avx512F.FusedMultiplyAdd(x0, a, b); x1 = Avx512F.FusedMultiplyAdd(x1, a, b); x2 = Avx512F.FusedMultiplyAdd(x2, a, b);
            x3 = Avx512F.FusedMultiplyAdd(x3, a, b); x4 = Avx512F.FusedMultiplyAdd(x4, a, b); x5 = Avx512F.FusedMultiplyAdd(x5, a, b);
            x6 = Avx512F.FusedMultiplyAdd(x6, a, b); x7 = Avx512F.FusedMultiplyAdd(x7, a, b); x8 = Avx512F.FusedMultiplyAdd(x8, a, b);
            x9 = Avx512F.FusedMultiplyAdd(x9, a, b); x10 = Avx512F.FusedMultiplyAdd(x10, a, b); x11 = Avx512F.FusedMultiplyAdd(x11, a, b);
        }
        // The sum leaves by the return value: a store here would keep every accumulator in memory inside the loop.
        return Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop512Single(long iterations)
    {
        var (a, b) = (Vector512.Create(0.999999f), Vector512.Create(1e-7f));
        Vector512<float> x0 = Vector512<float>.One, x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Avx512F.FusedMultiplyAdd(x0, a, b); x1 = Avx512F.FusedMultiplyAdd(x1, a, b); x2 = Avx512F.FusedMultiplyAdd(x2, a, b);
            x3 = Avx512F.FusedMultiplyAdd(x3, a, b); x4 = Avx512F.FusedMultiplyAdd(x4, a, b); x5 = Avx512F.FusedMultiplyAdd(x5, a, b);
            x6 = Avx512F.FusedMultiplyAdd(x6, a, b); x7 = Avx512F.FusedMultiplyAdd(x7, a, b); x8 = Avx512F.FusedMultiplyAdd(x8, a, b);
            x9 = Avx512F.FusedMultiplyAdd(x9, a, b); x10 = Avx512F.FusedMultiplyAdd(x10, a, b); x11 = Avx512F.FusedMultiplyAdd(x11, a, b);
        }
        // The sum leaves by the return value: a store here would keep every accumulator in memory inside the loop.
        return Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop256Double(long iterations)
    {
        var (a, b) = (Vector256.Create(0.999999), Vector256.Create(1e-7));
        Vector256<double> x0 = Vector256<double>.One, x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Fma.MultiplyAdd(x0, a, b); x1 = Fma.MultiplyAdd(x1, a, b); x2 = Fma.MultiplyAdd(x2, a, b);
            x3 = Fma.MultiplyAdd(x3, a, b); x4 = Fma.MultiplyAdd(x4, a, b); x5 = Fma.MultiplyAdd(x5, a, b);
            x6 = Fma.MultiplyAdd(x6, a, b); x7 = Fma.MultiplyAdd(x7, a, b); x8 = Fma.MultiplyAdd(x8, a, b);
            x9 = Fma.MultiplyAdd(x9, a, b); x10 = Fma.MultiplyAdd(x10, a, b); x11 = Fma.MultiplyAdd(x11, a, b);
        }
        // The sum leaves by the return value: a store here would keep every accumulator in memory inside the loop.
        return Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop256Single(long iterations)
    {
        var (a, b) = (Vector256.Create(0.999999f), Vector256.Create(1e-7f));
        Vector256<float> x0 = Vector256<float>.One, x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Fma.MultiplyAdd(x0, a, b); x1 = Fma.MultiplyAdd(x1, a, b); x2 = Fma.MultiplyAdd(x2, a, b);
            x3 = Fma.MultiplyAdd(x3, a, b); x4 = Fma.MultiplyAdd(x4, a, b); x5 = Fma.MultiplyAdd(x5, a, b);
            x6 = Fma.MultiplyAdd(x6, a, b); x7 = Fma.MultiplyAdd(x7, a, b); x8 = Fma.MultiplyAdd(x8, a, b);
            x9 = Fma.MultiplyAdd(x9, a, b); x10 = Fma.MultiplyAdd(x10, a, b); x11 = Fma.MultiplyAdd(x11, a, b);
        }
        // The sum leaves by the return value: a store here would keep every accumulator in memory inside the loop.
        return Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    /// <summary>Where the loops' sums go, so that the JIT cannot drop them.</summary>
    private static double Sink { get; set; }
}
