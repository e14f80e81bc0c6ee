using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Lyapunov.Covariant;
using Verified.MemoryLimits;
using Verified.Training;
using Xunit;

namespace Verified.Runtime.Tests.Memory;

/// <summary>
/// Each algorithm states its footprint beside its allocations and checks it before making them, so a run
/// that cannot fit is refused with its estimate by the library itself, not only by the command line:
/// here by a buffer longer than any array, which no machine holds.
/// </summary>
public sealed class AlgorithmFootprintTests
{
    /// <summary>vanilla-tanh at <paramref name="n"/>: its state, θ and Jacobians grow as n and n².</summary>
    private static CellLayout VanillaTanhAt(int n) => BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n));

    [Fact]
    public void Flossing_refuses_a_horizon_whose_stored_bases_exceed_an_array()
    {
        var layout = VanillaTanhAt(100);
        var horizon = new FlossingHorizon(K: 100, Steps: 1_000_000, Transient: 0, OrthonormaliseEvery: 1, Target: 0);

        var refused = Assert.Throws<ResourceLimitException>(() => new FlossingProblem<double>(layout, horizon));

        Assert.Contains("flossing 100 exponents of vanilla-tanh at n = 100 over 1000000 steps: the stored states and bases of the horizon", refused.Message);
        // With checkpoints every 100 steps the same horizon fits.
        Assert.True(FlossingProblem<double>.Footprint(layout, horizon with { CheckpointEvery = 100 }).Bytes < 1L << 30);
    }

    [Fact]
    public void Backpropagation_through_time_refuses_a_tape_longer_than_an_array()
    {
        var model = new RecurrentModel(VanillaTanhAt(100), 1);

        var refused = Assert.Throws<ResourceLimitException>(() => new Bptt<double>(model, batch: 1000, steps: 100_000));

        Assert.Contains("backpropagation through time of vanilla-tanh at n = 100 over 100000 steps of 1000 sequences", refused.Message);
    }

    [Fact]
    public void A_spectrum_tracking_log_det_counts_the_kernels_Jacobians_and_refuses_before_any_step()
    {
        var layout = VanillaTanhAt(40_000);
        var options = new SpectrumOptions { K = 1, Steps = 1, TrackLogDet = true };
        var kernels = layout.Spec.CreateKernels<double>(layout);

        var tracked = LyapunovSpectrum.Footprint(layout, options).Bytes;
        var untracked = LyapunovSpectrum.Footprint(layout, options with { TrackLogDet = false }).Bytes;

        Assert.Equal(2L * 40_000 * 40_000 * sizeof(double) + (kernels.ScratchLength(1, 1, true) - kernels.ScratchLength(1, 1, false)) * sizeof(double), tracked - untracked);
        // Its Jacobians are several arrays: the longest, one n×n, is what must fit one array.
        Assert.Equal(40_000L * 40_000, kernels.Scratch(1, 1, jacobian: true).LongestArray);
        // θ is never read: the refusal comes first.
        Assert.Throws<ResourceLimitException>(() => LyapunovSpectrum.Compute(layout, ReadOnlySpan<double>.Empty, options));
    }

    [Fact]
    public void A_spectrum_with_windows_counts_the_finite_time_exponents_of_every_window()
    {
        var layout = VanillaTanhAt(20);
        var options = new SpectrumOptions { K = 3, Steps = 1000, TrackLogDet = false };

        var windowed = LyapunovSpectrum.Footprint(layout, options with { Window = 10 }).Bytes;

        // 1000 / 10 windows of k = 3 exponents each.
        Assert.Equal(100L * 3 * sizeof(double), windowed - LyapunovSpectrum.Footprint(layout, options).Bytes);
    }

    [Fact]
    public void Covariant_vectors_refuse_stored_factors_longer_than_an_array_before_any_step()
    {
        var layout = VanillaTanhAt(400);
        var options = new CovariantOptions { K = 400, Steps = 2_000_000_000, Transient = 0, ForwardTransient = 0, BackwardTransient = 0 };

        // θ is never read: the refusal comes first.
        var refused = Assert.Throws<ResourceLimitException>(() => CovariantVectors.Compute(layout, ReadOnlySpan<double>.Empty, options));

        Assert.Contains("covariant vectors of vanilla-tanh at n = 400, k = 400: the R factors of the window and the backward transient", refused.Message);
    }

    [Fact]
    public void Basis_sensitivity_states_the_flossing_of_its_longest_transient_and_refuses_before_any_work()
    {
        var layout = VanillaTanhAt(100);
        var options = new FlossOptions { K = 100, Steps = 1000 };

        var footprint = BasisSensitivity.Footprint(layout, options, [0, 999_000], samples: 2);
        var refused = Assert.Throws<ResourceLimitException>(() => BasisSensitivity.Measure(layout, ReadOnlySpan<double>.Empty, options, [0, 999_000], samples: 2));

        Assert.Equal(FlossingProblem<double>.Footprint(layout, new FlossingHorizon(100, 1_000_000, 999_000, options.OrthonormaliseEvery, options.Target)).Bytes
            + 1_000_000L * layout.InputSize * sizeof(double) + 3L * layout.ParameterCount * sizeof(double), footprint.Bytes);
        Assert.Contains("basis sensitivity of vanilla-tanh at n = 100: the stored states and bases of the horizon", refused.Message);
    }
}
