using Verified.Random;
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
        var task = DelayedTask.Create(taskName, delay);
        var model = new RecurrentModel(spec.Layout(CellDimensions.Of(n, task.InputSize)), task.OutputSize);
        var rng = new Rng(seed);
        var theta = model.Initialize(1.3, rng);
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.1 * rng.NextGaussian();
        }
        var data = task.Generate(rng, batch, steps);
        var bptt = new Bptt(model, batch, steps);
        var gradient = new double[theta.Length];

        bptt.LossAndGradient(theta, data, loss, gradient);
        var expected = FiniteDifferences.Gradient(point => bptt.Evaluate(point, data, loss).Loss, theta);
        return new CheckResult($"BPTT gradient vs finite differences ({spec.Name}, {taskName}, {loss})", Compare.RelativeError(gradient, expected), tolerance);
    }
}
