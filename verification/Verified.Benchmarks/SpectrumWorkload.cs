using Verified.Dense.Threading;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Benchmarks;

/// <summary>
/// `spectrum` of a large network as ../shared/peers/numpy_spectrum.py computes it: vanilla-tanh at
/// g = 2 without input, k exponents, a QR every step, no transients and no log-determinant; the dense
/// kernels on <c>threads</c> threads.
/// </summary>
public sealed class SpectrumWorkload(int n, int k, int threads)
{
    private readonly CellLayout _layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n, 1));

    /// <summary>Wall time of a whole run of <paramref name="steps"/> steps (its set-up included), in milliseconds, and λ1.</summary>
    public (double Milliseconds, double Lambda1) Run(int steps)
    {
        var theta = ParameterInitialiser.Create(_layout, 2.0, new Rng(1));
        using var team = DenseThreads.Use(threads);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = LyapunovSpectrum.Compute(_layout, theta, new SpectrumOptions
        {
            K = k, Steps = steps, Transient = 0, QTransient = 0, Input = InputKind.None, Seed = 1, TrackLogDet = false,
        });
        return (clock.Elapsed.TotalMilliseconds, result.Exponents[0]);
    }
}
