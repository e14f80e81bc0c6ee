using BenchmarkDotNet.Attributes;
using Verified.Precision.Numbers;

namespace Verified.Benchmarks;

/// <summary>The 256-bit long-term product of 100 vanilla-tanh Jacobians at N=80, beside mpfr_product.c.</summary>
public class ProductBenchmark
{
    private ProductWorkload _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = new ProductWorkload();

    [Benchmark]
    public double BinaryFloat256() => _workload.Run<BinaryFloat<Bits256>>(100);
}
