using Verified.Checks;
using Verified.Training.Tasks;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>The BPTT gradient (cell, readout and offset) against central differences of the task loss.</summary>
public sealed class BpttGradientTests
{
    /// <summary>Cells, tasks and losses whose BPTT gradients are checked, in double here and in float (<see cref="FloatTrainingTests"/>).</summary>
    public static TheoryData<string, string, LossKind> Cases => new()
    {
        { "vanilla-tanh", "copy", LossKind.MeanSquaredError },
        { "vanilla-tanh", "xor", LossKind.BinaryCrossEntropy },
        { "lstm", "copy", LossKind.MeanSquaredError },
        { "lstm", "spatial-xor", LossKind.BinaryCrossEntropy },
        { "lstm", "xor", LossKind.MeanSquaredError },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_matches_finite_differences(string cell, string taskName, LossKind loss)
    {
        var check = BpttGradientCheck.Run(BuiltInCells.Find(cell)!, taskName, loss);

        Assert.True(check.MaxRelError <= 1e-6, $"{check.Name}: {check.MaxRelError:E2}");
    }
}
