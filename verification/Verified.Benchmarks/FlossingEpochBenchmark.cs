using BenchmarkDotNet.Attributes;

namespace Verified.Benchmarks;

/// <summary>One flossing epoch (loss and exact gradient) beside torch_floss.py's epoch, in double and float, for a cell without and one with constants and gates.</summary>
[MemoryDiagnoser]
public class FlossingEpochBenchmark
{
    private FlossingWorkload<double> _double = null!;
    private FlossingWorkload<float> _single = null!;

    [Params("vanilla-tanh", "lstm")]
    public string Cell { get; set; } = "vanilla-tanh";

    [GlobalSetup]
    public void Setup()
    {
        _double = new FlossingWorkload<double>(Cell);
        _single = new FlossingWorkload<float>(Cell);
        _double.Epoch();
        _single.Epoch();
    }

    [Benchmark(Baseline = true)]
    public double Double() => _double.Epoch();

    [Benchmark]
    public double Float() => _single.Epoch();
}
