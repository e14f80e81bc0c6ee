using BenchmarkDotNet.Attributes;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Lyapunov.Covariant;
using Verified.Randomness;

namespace Verified.Benchmarks;

/// <summary>
/// Covariant vectors beside the spectrum's own cost on the same steps (vanilla-tanh, g = 2, 1000 counted steps,
/// transients of 100): the forward pass of clv runs as many tangent steps as the spectrum, so Clv / Spectrum − 1
/// is the backward pass's share, which should stay at most 1.
/// </summary>
[MemoryDiagnoser]
public class ClvBenchmark
{
    private CellLayout _layout = null!;
    private double[] _theta = null!;

    /// <summary>(N, k): the paper's network with every vector, and a wider one with 64.</summary>
    [Params("80,80", "256,64")]
    public string Size { get; set; } = "80,80";

    private (int N, int K) Sizes => (int.Parse(Size.Split(',')[0]), int.Parse(Size.Split(',')[1]));

    [GlobalSetup]
    public void Setup()
    {
        _layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(Sizes.N));
        _theta = ParameterInitialiser.Create(_layout, 2.0, new Rng(1));
    }

    [Benchmark(Baseline = true)]
    public double Spectrum() => LyapunovSpectrum.Compute(_layout, _theta, new SpectrumOptions
    {
        K = Sizes.K, Steps = 1100, Transient = 100, QTransient = 100, TrackLogDet = false,
    }).Exponents[0];

    [Benchmark]
    public double Clv() => CovariantVectors.Compute(_layout, _theta, new CovariantOptions
    {
        K = Sizes.K, Steps = 1000, Transient = 100, ForwardTransient = 100, BackwardTransient = 100, RecordEvery = 100,
    }).Exponents[0];
}
