using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Verified.Dense;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>
/// <see cref="ISimd{TV, T}.Sum4"/> gives each vector's <see cref="ISimd{TV, T}.Sum"/> to the bit, on both widths and in
/// both types: the QR's pair reflections take their dot products from it, and the factors may not move. The entries
/// span seven decades with both signs, so that another order of the additions rounds differently.
/// </summary>
public sealed class SimdSumTests
{
    /// <summary>On 256-bit vectors always (without AVX through their fallback), on 512-bit ones where the CPU has them.</summary>
    [Fact]
    public void Four_sums_at_once_are_the_single_sums()
    {
        Check<float, Vector256<float>, Lanes256<float>>();
        Check<double, Vector256<double>, Lanes256<double>>();
        if (Avx512F.IsSupported)
        {
            Check<float, Vector512<float>, Lanes512<float>>();
            Check<double, Vector512<double>, Lanes512<double>>();
        }
    }

    /// <summary>The check sees a reduction in another order: the lanes summed one after another differ from Sum in most draws.</summary>
    [Fact]
    public void Another_order_of_the_additions_is_seen()
    {
        var random = new Random(3);
        var differ = 0;
        for (var draw = 0; draw < 1000; draw++)
        {
            var lanes = Draw(random, 8);
            var inOrder = lanes.Aggregate((sum, lane) => sum + lane);
            differ += inOrder != Vector256.Sum(Vector256.Create(lanes)) ? 1 : 0;
        }
        Assert.True(differ > 100, $"{differ} of 1000 draws differ");
    }

    private static void Check<T, TV, TOps>() where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var random = new Random(7);
        for (var draw = 0; draw < 2000; draw++)
        {
            var (a, b, c, d) = (Vector(random), Vector(random), Vector(random), Vector(random));
            var four = TOps.Sum4(a, b, c, d);
            Assert.Equal((TOps.Sum(a), TOps.Sum(b), TOps.Sum(c), TOps.Sum(d)), four);
        }

        TV Vector(Random random)
        {
            var lanes = Draw(random, TOps.Count).Select(T.CreateTruncating).ToArray();
            return TOps.Load(ref lanes[0], 0);
        }
    }

    private static float[] Draw(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 4))))];
}
