using Verified.Randomness;

namespace Verified.Runtime.Tests.Dense;

/// <summary>Operands of the dense tests: standard Gaussian entries from a seed.</summary>
internal static class DenseTestData
{
    public static double[] Gaussian(int length, ulong seed)
    {
        var values = new double[length];
        new Rng(seed).FillGaussian(values);
        return values;
    }
}
