using Verified.Randomness;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Checks;

/// <summary>The BPTT gradient of a task loss (cell, readout and offset) against central differences at a random point.</summary>
public static class BpttGradientCheck
{
    /// <summary>Checks the BPTT gradient of <paramref name="spec"/>'s cell on task <paramref name="taskName"/>.</summary>
    /// <param name="spec">The cell.</param>
    /// <param name="taskName">The task (<see cref="DelayedTask.Names"/>).</param>
    /// <param name="loss">The loss to differentiate.</param>
    /// <param name="n">Hidden size N.</param>
    /// <param name="delay">The task's delay.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="steps">Steps per sequence.</param>
    /// <param name="tolerance">The largest relative error that passes.</param>
    /// <param name="seed">Seed of the point and the data.</param>
    public static CheckResult Run(CellSpec spec, string taskName, LossKind loss, int n = 6, int delay = 4, int batch = 3, int steps = 12, double tolerance = 1e-6, ulong seed = 21)
    {
        var (model, theta, data) = Point(spec, taskName, n, delay, batch, steps, seed);
        var bptt = new Bptt<double>(model, batch, steps);
        var gradient = new double[theta.Length];

        bptt.LossAndGradient(theta, data, loss, gradient);
        var expected = FiniteDifferences.Gradient(point => bptt.Evaluate(point, data, loss).Loss, theta);
        return new CheckResult($"BPTT gradient vs finite differences ({spec.Name}, {taskName}, {loss})", Compare.RelativeError(gradient, expected), tolerance);
    }

    /// <summary>
    /// The float BPTT gradient against the double one (itself checked against finite differences) at the same point. Its
    /// bound is float rounding through the horizon: each step's sums run over n + I terms, so the error is at most a few
    /// (n + I)·T·u, u = 2⁻²⁴, relative to the gradient's size.
    /// </summary>
    public static CheckResult RunFloat(CellSpec spec, string taskName, LossKind loss, int n = 6, int delay = 4, int batch = 3, int steps = 12, ulong seed = 21)
    {
        var (model, theta, data) = Point(spec, taskName, n, delay, batch, steps, seed);
        // Both at the θ that float can hold, so that the comparison sees the kernels' rounding, not θ's.
        var thetaFloat = theta.Select(value => (float)value).ToArray();
        var expected = new double[theta.Length];
        new Bptt<double>(model, batch, steps).LossAndGradient([.. thetaFloat.Select(value => (double)value)], data, loss, expected);
        var gradient = new float[theta.Length];
        new Bptt<float>(model, batch, steps).LossAndGradient(thetaFloat, data, loss, gradient);
        var bound = 4.0 * steps * (model.Cell.StateSize + model.Cell.InputSize) * Math.Pow(2, -24);
        return new CheckResult($"float BPTT gradient vs double ({spec.Name}, {taskName}, {loss})", Compare.RelativeError([.. gradient.Select(value => (double)value)], expected), bound);
    }

    /// <summary>A random point of the model and a batch of the task: the initialiser's draw at gain 1.3, every parameter moved by N(0, 0.1²).</summary>
    private static (RecurrentModel Model, double[] Theta, TaskBatch Data) Point(CellSpec spec, string taskName, int n, int delay, int batch, int steps, ulong seed)
    {
        var task = DelayedTask.Create(taskName, delay);
        var model = new RecurrentModel(spec.Layout(CellDimensions.Of(n, task.InputSize)), task.OutputSize);
        var rng = new Rng(seed);
        var theta = model.Initialise(1.3, rng);
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.1 * rng.NextGaussian();
        }
        return (model, theta, task.Generate(rng, batch, steps));
    }
}
