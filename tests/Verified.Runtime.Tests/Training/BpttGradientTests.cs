using Verified.Checks;
using Verified.Random;
using Verified.Training;
using Verified.Training.Tasks;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>The BPTT gradient (cell, readout and offset) against central differences of the task loss.</summary>
public sealed class BpttGradientTests
{
    [Theory]
    [InlineData("vanilla-tanh", "copy", LossKind.MeanSquaredError)]
    [InlineData("vanilla-tanh", "xor", LossKind.BinaryCrossEntropy)]
    [InlineData("lstm", "copy", LossKind.MeanSquaredError)]
    [InlineData("lstm", "spatial-xor", LossKind.BinaryCrossEntropy)]
    [InlineData("lstm", "xor", LossKind.MeanSquaredError)]
    public void Gradient_matches_finite_differences(string cell, string taskName, LossKind loss)
    {
        var task = DelayedTask.Create(taskName, 4);
        var model = new RecurrentModel(BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(6, task.InputSize)), task.OutputSize);
        var rng = new Rng(21);
        var theta = model.Initialize(1.3, rng);
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.1 * rng.NextGaussian();
        }
        var batch = task.Generate(rng, batch: 3, steps: 12);
        var bptt = new Bptt(model, 3, 12);
        var gradient = new double[theta.Length];

        bptt.LossAndGradient(theta, batch, loss, gradient);
        var expected = FiniteDifferences.Gradient(point => bptt.Evaluate(point, batch, loss).Loss, theta);

        var error = Compare.RelativeError(gradient, expected);
        Assert.True(error <= 1e-6, $"{error:E2}");
    }
}
