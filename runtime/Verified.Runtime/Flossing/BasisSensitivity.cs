using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Flossing;

/// <summary>
/// The spread of the flossing loss and its gradient over random starting bases Q_0 at one transient:
/// loss mean and sample standard deviation, and the gradient's relative spread
/// √(mean_j ‖g_j − ḡ‖²) / ‖ḡ‖ (ḡ the mean gradient).
/// </summary>
/// <param name="Transient">Steps at the start of the horizon not counted (the counted steps are the same for every transient).</param>
/// <param name="LossMean">Mean loss over the bases.</param>
/// <param name="LossSpread">Sample standard deviation of the loss.</param>
/// <param name="GradientSpread">Relative spread of the gradient.</param>
/// <param name="Losses">The loss from each basis.</param>
public sealed record BasisSpread(int Transient, double LossMean, double LossSpread, double GradientSpread, double[] Losses);

/// <summary>
/// Basis sensitivity (the paper's Sec 8: the Gram–Schmidt basis becomes unique only asymptotically): the
/// flossing loss and its exact gradient at one θ, one h_0 and one input stream, from several random
/// orthonormal Q_0, for each transient τ; the horizon is τ plus the same counted steps. As Q relaxes
/// towards the backward Lyapunov vectors at rate exp(−(λ_k − λ_{k+1}) τ), the spread shrinks with τ.
/// </summary>
public static class BasisSensitivity
{
    /// <summary>
    /// Refuses a cell without parameters: its flossing gradient is empty, and the gradient's spread relative to its norm
    /// would be 0/0 (NaN) at every transient.
    /// </summary>
    /// <exception cref="ArgumentException">The cell has no parameter.</exception>
    public static void RequireParameters(CellLayout layout)
    {
        if (layout.ParameterCount == 0)
        {
            throw new ArgumentException($"cell {layout.Spec.Name} has no parameter: the flossing gradient whose spread basis measures would be empty");
        }
    }

    /// <summary>The spread at each of <paramref name="transients"/> over <paramref name="samples"/> bases.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ.</param>
    /// <param name="options">k, the counted steps (<see cref="FlossOptions.Steps"/>), t_ONS, the target, the input and the seed; epochs, learning rate and transient are not read.</param>
    /// <param name="transients">The transients τ to compare.</param>
    /// <param name="samples">Random bases per transient (at least 2).</param>
    /// <param name="sampleDone">Called after each loss and gradient (for progress).</param>
    public static IReadOnlyList<BasisSpread> Measure(CellLayout layout, ReadOnlySpan<double> theta, FlossOptions options, IReadOnlyList<int> transients, int samples, Action? sampleDone = null)
    {
        if (samples < 2 || transients.Count == 0 || transients.Any(transient => transient < 0) || options.Steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), "basis sensitivity needs at least 2 bases, counted steps and non-negative transients");
        }
        RequireParameters(layout);
        Footprint(layout, options, transients, samples).Require();
        int n = layout.StateSize, k = options.K;
        var rng = Rng.ForStream(options.Seed, "basis-sensitivity");
        var h0 = new double[n];
        rng.FillGaussian(h0);
        var inputs = InputStream.Create(options.Input, layout.InputSize, transients.Max() + options.Steps, Rng.ForStream(options.Seed, "basis-sensitivity-input"));
        var kernels = layout.Spec.CreateKernels<double>(layout);
        var spreads = new List<BasisSpread>();
        foreach (var transient in transients)
        {
            var problem = new FlossingProblem<double>(layout, new FlossingHorizon(k, transient + options.Steps, transient, options.OrthonormaliseEvery, options.Target), kernels);
            var losses = new double[samples];
            // Every gradient is kept (samples × P): the spread is taken about the mean in two passes, without the cancellation of Σ‖g‖² − ‖Σg‖²/S.
            var gradients = new double[samples][];
            for (var j = 0; j < samples; j++)
            {
                gradients[j] = new double[layout.ParameterCount];
                (losses[j], _) = problem.LossAndGradient(theta, h0, Basis(n, k, options.Seed, j), inputs, gradients[j]);
                sampleDone?.Invoke();
            }
            var mean = new double[layout.ParameterCount];
            foreach (var gradient in gradients)
            {
                Dense.Blas.Axpy(1.0 / samples, gradient, mean);
            }
            var deviations = gradients.Average(gradient => gradient.Select((value, p) => (value - mean[p]) * (value - mean[p])).Sum());
            var lossMean = losses.Average();
            spreads.Add(new BasisSpread(
                transient,
                lossMean,
                Math.Sqrt(losses.Sum(loss => (loss - lossMean) * (loss - lossMean)) / (samples - 1)),
                Math.Sqrt(deviations / mean.Sum(value => value * value)),
                losses));
        }
        return spreads;
    }

    /// <summary>
    /// The buffers <see cref="Measure"/> holds at once: the flossing problem of the longest transient
    /// (<see cref="FlossingProblem{T}.Footprint"/>), the input stream of its horizon, and every sample's gradient with their mean.
    /// </summary>
    public static MemoryLimits.Footprint Footprint(CellLayout layout, FlossOptions options, IReadOnlyList<int> transients, int samples)
    {
        var longest = transients.Max();
        return new MemoryLimits.Footprint($"basis sensitivity of {layout.Spec.Name} at n = {layout.StateSize}")
            .With(FlossingProblem<double>.Footprint(layout, new FlossingHorizon(options.K, longest + options.Steps, longest, options.OrthonormaliseEvery, options.Target)))
            .With(
                new MemoryLimits.PlannedBuffer("inputs of the longest horizon", MemoryLimits.MemoryBudget.Product((long)longest + options.Steps, layout.InputSize), sizeof(double)),
                new MemoryLimits.PlannedBuffer("gradients of the bases and their mean", MemoryLimits.MemoryBudget.Product(samples + 1L, layout.ParameterCount), sizeof(double)));
    }

    /// <summary>Basis j: an orthonormal n×k Q_0 from its own stream of the seed, the same at every transient.</summary>
    private static double[] Basis(int n, int k, ulong seed, int j)
    {
        var draw = new double[n * k];
        Rng.ForStream(seed, $"basis-{j}").FillGaussian(draw);
        var q = new double[n * k];
        new Dense.HouseholderQr<double>(n, k).Factor(draw, q, new double[k * k]);
        return q;
    }
}
