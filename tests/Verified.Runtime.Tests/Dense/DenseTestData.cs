using Verified.Randomness;

namespace Verified.Runtime.Tests.Dense;

/// <summary>Operands of the dense tests: standard Gaussian entries from a seed.</summary>
internal static class DenseTestData
{
    public static double[] Gaussian(int length, ulong seed) => new Rng(seed).Gaussians(length);
}
