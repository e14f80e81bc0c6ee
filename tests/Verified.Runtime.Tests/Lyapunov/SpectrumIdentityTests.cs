using Verified.Checks;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Runtime.Tests.Cells;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>docs/design.md's identities on real runs.</summary>
public sealed class SpectrumIdentityTests
{
    [Theory]
    [InlineData("vanilla-tanh", 2.0)]
    [InlineData("lstm", 1.0)]
    [InlineData("gru", 1.5)]
    public void Sum_of_all_exponents_equals_mean_log_abs_det(string cell, double gain)
    {
        var check = SpectrumIdentityChecks.SumEqualsMeanLogDet(BuiltInCells.Find(cell)!, gain);

        Assert.True(check.Passed, $"{check.Name}: {check.MaxRelError:E2}");
    }

    [Fact]
    public void Linear_cell_gives_log_moduli_of_eigenvalues()
    {
        var (check, exponents, expected) = SpectrumIdentityChecks.LinearCellEigenvalues();

        Assert.True(check.Passed, $"λ = {string.Join(", ", exponents)}, expected {string.Join(", ", expected)}");
    }

    [Fact]
    public void Logistic_map_at_r_4_gives_ln_2()
    {
        var check = SpectrumIdentityChecks.LogisticMap(LogisticMap.Spec);

        Assert.True(check.Passed, $"{check.Name}: {check.MaxRelError:E2}");
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
        var theta = ParameterInitialiser.Create(layout, 3, new Rng(1));
        var options = new SpectrumOptions { K = 4, Steps = 200, Seed = 7 };

        Assert.Equal(LyapunovSpectrum.Compute(layout, theta, options).Exponents, LyapunovSpectrum.Compute(layout, theta, options).Exponents);
    }
}
