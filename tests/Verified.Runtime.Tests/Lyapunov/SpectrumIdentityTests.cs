using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Random;
using Verified.Runtime.Tests.Cells;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>DESIGN.md's identities on real runs.</summary>
public sealed class SpectrumIdentityTests
{
    [Theory]
    [InlineData("vanilla-tanh", 2.0)]
    [InlineData("lstm", 1.0)]
    [InlineData("gru", 1.5)]
    public void Sum_of_all_exponents_equals_mean_log_abs_det(string cell, double gain)
    {
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(10, 2));
        var theta = ParameterInitializer.Create(layout, gain, new Rng(5));

        var result = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = layout.StateSize, Steps = 400, Transient = 50, QTransient = 50, Input = InputKind.Gaussian, Seed = 3,
        });

        Assert.True(Math.Abs(result.SumExponents - result.MeanLogAbsDet!.Value) <= 1e-9 * Math.Abs(result.MeanLogAbsDet.Value),
            $"Σλ {result.SumExponents} against mean log|det D| {result.MeanLogAbsDet}");
    }

    [Fact]
    public void Linear_cell_gives_log_moduli_of_eigenvalues()
    {
        // A = P diag-block(0.9, 0.5·rot(θ), 0.2) P⁻¹ with an orthogonal P: eigenvalue moduli 0.9, 0.5, 0.5, 0.2.
        var layout = BuiltInCells.Find("linear")!.Layout(CellDimensions.Of(4, 1));
        var theta = new double[layout.ParameterCount];
        var block = new double[16];
        block[0] = 0.9;
        block[1 * 4 + 1] = 0.5 * Math.Cos(1.0);
        block[1 * 4 + 2] = -0.5 * Math.Sin(1.0);
        block[2 * 4 + 1] = 0.5 * Math.Sin(1.0);
        block[2 * 4 + 2] = 0.5 * Math.Cos(1.0);
        block[3 * 4 + 3] = 0.2;
        var p = new double[16];
        var gaussian = new double[16];
        new Rng(9).FillGaussian(gaussian);
        new Verified.Dense.HouseholderQr<double>(4, 4).Factor(gaussian, p, new double[16]);
        var temp = new double[16];
        Verified.Dense.Gemm.Multiply<double>(p, block, temp, 4, 4, 4, false);
        Verified.Dense.Gemm.MultiplyTransposedB<double>(temp, p, theta.AsSpan(layout.Parameter("A").Offset, 16), 4, 4, 4, false);

        var result = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions { K = 4, Steps = 20000, Transient = 10, QTransient = 200, Seed = 2 });

        var expected = new[] { Math.Log(0.9), Math.Log(0.5), Math.Log(0.5), Math.Log(0.2) };
        for (var i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(result.Exponents[i] - expected[i]) <= 1e-3, $"λ{i + 1} = {result.Exponents[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void Logistic_map_at_r_4_gives_ln_2()
    {
        var layout = LogisticMap.Spec.Layout(CellDimensions.Of(1));
        var result = LyapunovSpectrum.Compute(layout, [4.0], new SpectrumOptions
        {
            K = 1, Steps = 200000, Transient = 100, QTransient = 0, InitialState = [0.3141592653589793],
        });

        Assert.True(Math.Abs(result.Exponents[0] - Math.Log(2)) <= 2e-3, $"λ = {result.Exponents[0]}");
    }

    [Fact]
    public void Diverging_trajectory_names_the_step()
    {
        var layout = LogisticMap.Spec.Layout(CellDimensions.Of(1));

        var error = Assert.Throws<TrajectoryDivergedException>(() =>
            LyapunovSpectrum.Compute(layout, [4.0], new SpectrumOptions { K = 1, Steps = 100, Transient = 0, QTransient = 0, InitialState = [2.0] }));

        Assert.InRange(error.Step, 1, 20);
        Assert.Contains($"step {error.Step}", error.Message);
    }

    [Fact]
    public void Same_seed_gives_the_same_exponents()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(12));
        var theta = ParameterInitializer.Create(layout, 3, new Rng(1));
        var options = new SpectrumOptions { K = 4, Steps = 200, Seed = 7 };

        Assert.Equal(LyapunovSpectrum.Compute(layout, theta, options).Exponents, LyapunovSpectrum.Compute(layout, theta, options).Exponents);
    }
}
