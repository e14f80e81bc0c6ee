using BenchmarkDotNet.Attributes;

namespace Verified.Benchmarks;

/// <summary>
/// One training epoch (N = 80, batch 16, T = 300 + 20) in double and in float, beside torch_train.py,
/// for a cell without and one with constants and gates.
/// </summary>
[MemoryDiagnoser]
public class TrainingEpochBenchmark
{
    private TrainingWorkload<double> _double = null!;
    private TrainingWorkload<float> _single = null!;

    [Params("vanilla-tanh", "lstm")]
    public string Cell { get; set; } = "vanilla-tanh";

    [GlobalSetup]
    public void Setup()
    {
        _double = new TrainingWorkload<double>(Cell);
        _single = new TrainingWorkload<float>(Cell);
        _double.Epoch();
        _single.Epoch();
    }

    [Benchmark(Baseline = true)]
    public double Double() => _double.Epoch();

    [Benchmark]
    public double Float() => _single.Epoch();
}
