using System.Diagnostics;
using Verified.Dense;
using Verified.Lyapunov;
using Verified.Optimisation;
using Verified.Random;

namespace Verified.Flossing;

/// <summary>
/// Flosses θ in place: each epoch draws a fresh h_0, Q_0 and input stream from the run's seeded
/// generator, computes L = Σ (λ_i − λ*)² and its exact gradient, and takes an Adam step.
/// </summary>
public static class Flosser
{
    public static IReadOnlyList<FlossEpoch> Run(CellLayout layout, Span<double> theta, FlossOptions options, Action<FlossEpoch>? progress = null)
    {
        var problem = new FlossingProblem(layout, options.K, options.Steps, options.Transient, options.Tons, options.Target);
        var trained = options.Parameters is null
            ? layout.Parameters
            : options.Parameters.Select(layout.Parameter).ToList();
        var adam = new Adam(trained, layout.ParameterCount) { LearningRate = options.LearningRate, Clip = options.Clip };
        var rng = Rng.ForStream(options.Seed, "floss");
        int n = layout.StateSize, k = options.K;
        var h0 = new double[n];
        var q0 = new double[n * k];
        var a = new double[n * k];
        var r = new double[k * k];
        var qr = new HouseholderQr<double>(n, k);
        var gradient = new double[layout.ParameterCount];
        var history = new List<FlossEpoch>();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            rng.FillGaussian(h0);
            rng.FillGaussian(a);
            qr.Factor(a, q0, r);
            var inputs = InputStream.Create(options.Input, layout.InputSize, options.Steps, rng);
            var (loss, exponents) = problem.LossAndGradient(theta, h0, q0, inputs, gradient);
            adam.Update(theta, gradient);
            var record = new FlossEpoch(epoch, loss, exponents, clock.Elapsed.TotalSeconds);
            history.Add(record);
            progress?.Invoke(record);
        }
        return history;
    }
}
