using BenchmarkDotNet.Attributes;

namespace Verified.Benchmarks;

/// <summary>One flossing epoch (loss and exact gradient) beside torch_floss.py's epoch.</summary>
[MemoryDiagnoser]
public class FlossingEpochBenchmark
{
    private FlossingWorkload<double> _double = null!;
    private FlossingWorkload<float> _single = null!;

    [GlobalSetup]
    public void Setup()
    {
        _double = new FlossingWorkload<double>();
        _single = new FlossingWorkload<float>();
        _double.Epoch();
        _single.Epoch();
    }

    [Benchmark(Baseline = true)]
    public double Double() => _double.Epoch();

    [Benchmark]
    public double Float() => _single.Epoch();
}
