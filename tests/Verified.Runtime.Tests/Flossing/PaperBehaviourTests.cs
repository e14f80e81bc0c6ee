using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Flossing;

/// <summary>
/// The paper's Fig 1 behaviours on autonomous vanilla-tanh networks (N=32, no input), measured
/// with a long spectrum run after flossing.
/// </summary>
public sealed class PaperBehaviourTests
{
    private static readonly CellLayout Layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(32));

    /// <summary>Fig 1B: ten networks with g ~ U(0, 1); λ1 flossed to a target ends within 0.05 of it in ≤ 300 epochs.</summary>
    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.5)]
    public void Fig1B_lambda1_reaches_its_target(double target)
    {
        var gains = new Rng(2023);
        var misses = new List<string>();
        for (var network = 0; network < 10; network++)
        {
            var gain = gains.NextDouble();
            var theta = ParameterInitialiser.Create(Layout, gain, new Rng((ulong)network + 1));
            Flosser.Run<double>(Layout, theta, new FlossOptions
            {
                K = 1, Epochs = 300, Steps = 300, Transient = 50, Target = target, LearningRate = 3e-3, Seed = (ulong)network, Input = InputKind.None,
            });
            var lambda1 = LongSpectrum(theta, 1)[0];
            if (Math.Abs(lambda1 - target) > 0.05)
            {
                misses.Add($"g={gain:F3}: λ1={lambda1:F4}");
            }
        }
        Assert.Empty(misses);
    }

    /// <summary>Fig 1C/1D: flossing k exponents (g=1) shrinks Σ_{i≤k} λ_i² ≥ 10× in 500 epochs; the flossed ones end closest to zero.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(32)]
    public void Fig1CD_flossing_k_exponents_moves_them_to_zero(int k)
    {
        var theta = ParameterInitialiser.Create(Layout, 1.0, new Rng(7));
        var before = LongSpectrum(theta, 32);

        Flosser.Run<double>(Layout, theta, new FlossOptions { K = k, Epochs = 500, Steps = 300, Transient = 50, LearningRate = 3e-3, Seed = 3, Input = InputKind.None });
        var after = LongSpectrum(theta, 32);

        double SumSquares(double[] lambda) => lambda.Take(k).Sum(value => value * value);
        Assert.True(SumSquares(after) * 10 <= SumSquares(before), $"Σλ² {SumSquares(before):F4} → {SumSquares(after):F4}");
        if (k < 32)
        {
            var flossed = after.Take(k).Max(Math.Abs);
            var rest = after.Skip(k).Min(Math.Abs);
            Assert.True(flossed < rest, $"flossed max |λ| {flossed:F4} against the rest's min |λ| {rest:F4}");
        }
    }

    private static double[] LongSpectrum(double[] theta, int k) =>
        LyapunovSpectrum.Compute(Layout, theta, new SpectrumOptions
        {
            K = k, Steps = 3000, Transient = 200, QTransient = 200, Input = InputKind.None, Seed = 99, TrackLogDet = false,
        }).Exponents;
}
