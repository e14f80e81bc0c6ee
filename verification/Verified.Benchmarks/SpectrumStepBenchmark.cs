using BenchmarkDotNet.Attributes;

namespace Verified.Benchmarks;

/// <summary>Ten steps of a large network's spectrum (k = N, a QR every step) on one thread and on two, beside numpy_spectrum.py.</summary>
[MemoryDiagnoser]
public class SpectrumStepBenchmark
{
    [Params(256, 512, 1024)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    private SpectrumWorkload _workload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = new SpectrumWorkload(N, N, Threads);
        _workload.Run(2);
    }

    [Benchmark]
    public double TenSteps() => _workload.Run(10).Lambda1;
}
