using Verified.Checks;
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
        var check = BpttGradientCheck.Run(BuiltInCells.Find(cell)!, taskName, loss);

        Assert.True(check.MaxRelError <= 1e-6, $"{check.Name}: {check.MaxRelError:E2}");
    }
}
