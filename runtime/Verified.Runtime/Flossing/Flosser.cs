using System.Diagnostics;
using System.Numerics;
using Verified.Dense;
using Verified.Lyapunov;
using Verified.Optimisation;
using Verified.Randomness;

namespace Verified.Flossing;

/// <summary>
/// Flosses θ in place: each epoch draws a fresh h_0, Q_0 and input stream from the run's seeded
/// generator, computes L = Σ (λ_i − λ*)² and its exact gradient in element type T, and takes an
/// Adam step on the double master copy of θ. A [TimeStep] parameter is flossed only when
/// <see cref="FlossOptions.Parameters"/> names it. Each epoch's exponents are recorded descending,
/// with the QR column of each.
/// </summary>
public static class Flosser
{
    /// <summary>
    /// The parameters flossing updates: those <paramref name="names"/> names, or, when it is null, every parameter but a
    /// [TimeStep] (Δt is flossed only when named).
    /// </summary>
    /// <exception cref="ArgumentException">An empty list, a name the cell has no parameter of, or nothing to floss (a cell without parameters).</exception>
    public static IReadOnlyList<ParameterLayout> FlossedParameters(CellLayout layout, IReadOnlyList<string>? names)
    {
        var all = layout.Parameters.Count == 0 ? "none" : string.Join(", ", layout.Parameters.Select(parameter => parameter.Name));
        List<ParameterLayout> flossed = names switch
        {
            null => [.. layout.Parameters.Where(parameter => parameter != layout.TimeStepParameter)],
            { Count: 0 } => throw new ArgumentException("an empty list of flossed parameters would floss nothing; leave it out to floss every parameter"),
            _ => [.. names.Select(name => layout.Parameters.FirstOrDefault(parameter => parameter.Name == name)
                ?? throw new ArgumentException($"cell {layout.Spec.Name} has no parameter '{name}' to floss (it has {all})"))],
        };
        return flossed.Count > 0 ? flossed : throw new ArgumentException(layout.TimeStepParameter is { } timeStep
            ? $"cell {layout.Spec.Name} has no parameter to floss but its time step '{timeStep.Name}', which is flossed only when named"
            : $"cell {layout.Spec.Name} has no parameter to floss");
    }

    /// <summary>Flosses <paramref name="theta"/> in place for <see cref="FlossOptions.Epochs"/> epochs.</summary>
    /// <typeparam name="T">The element type of the forward and reverse passes: float or double.</typeparam>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ (the master copy, in double), updated in place.</param>
    /// <param name="options">The horizon, target, optimiser and seed.</param>
    /// <param name="progress">Called after every epoch, or null.</param>
    /// <returns>One record per epoch: its loss and the k exponents before its update.</returns>
    /// <exception cref="FlossingFailedException">An exponent became −∞ or the gradient stopped being finite.</exception>
    /// <exception cref="TrajectoryDivergedException">The trajectory stopped being finite; the message names the epoch and the step.</exception>
    public static IReadOnlyList<FlossEpoch> Run<T>(CellLayout layout, Span<double> theta, FlossOptions options, Action<FlossEpoch>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Footprint<T>(layout, options).Require();
        var problem = new FlossingProblem<T>(layout, options.Horizon);
        var adam = new Adam(FlossedParameters(layout, options.Parameters), layout.ParameterCount) { LearningRate = options.LearningRate, Clip = options.Clip };
        var rng = Rng.ForStream(options.Seed, "floss");
        int n = layout.StateSize, k = options.K;
        var h0 = new double[n];
        var q0 = new double[n * k];
        var a = new double[n * k];
        var r = new double[k * k];
        var qr = new HouseholderQr<double>(n, k);
        var thetaT = new T[layout.ParameterCount];
        var gradientT = new T[layout.ParameterCount];
        var gradient = new double[layout.ParameterCount];
        var history = new List<FlossEpoch>();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            rng.FillGaussian(h0);
            rng.FillGaussian(a);
            qr.Factor(a, q0, r);
            var inputs = InputStream.Create(options.Input, layout.InputSize, options.Steps, rng);
            ElementConversion.Round<T>(theta, thetaT);
            double loss;
            double[] exponents;
            try
            {
                (loss, exponents) = problem.LossAndGradient(thetaT, ToT<T>(h0), ToT<T>(q0), ToT<T>(inputs), gradientT);
            }
            catch (TrajectoryDivergedException diverged)
            {
                throw diverged.Within($"flossing epoch {epoch}");
            }
            ElementConversion.Widen<T>(gradientT, gradient);
            if (!double.IsFinite(loss) || !Finite.All<double>(gradient))
            {
                // An R_ii of zero (a collapsed tangent space) gives λ_i = −∞: there is no gradient to follow.
                throw new FlossingFailedException(epoch, exponents);
            }
            adam.Update(theta, gradient);
            var order = ExponentOrder.Descending(exponents);
            var record = new FlossEpoch(epoch, loss, ExponentOrder.Apply(exponents, order), order, clock.Elapsed.TotalSeconds);
            history.Add(record);
            progress?.Invoke(record);
        }
        return history;
    }

    /// <summary>What <see cref="Run{T}"/> holds: the problem's buffers (<see cref="FlossingProblem{T}.Footprint"/>), and θ, its gradient and Adam's moments in double and θ and its gradient in T.</summary>
    public static MemoryLimits.Footprint Footprint<T>(CellLayout layout, FlossOptions options) where T : unmanaged, IFloatingPointIeee754<T> =>
        FlossingProblem<T>.Footprint(layout, options.Horizon).With(
            new MemoryLimits.PlannedBuffer("parameter vector, its gradient and Adam's moments", 4L * layout.ParameterCount, sizeof(double)),
            new MemoryLimits.PlannedBuffer("parameter vector and its gradient in the kernels' type", 2L * layout.ParameterCount, System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));

    private static T[] ToT<T>(double[] source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = new T[source.Length];
        ElementConversion.Round<T>(source, target);
        return target;
    }
}
