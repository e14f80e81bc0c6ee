using Verified.Lyapunov;
using Verified.Training;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>A training run reports the trained network's leading exponents λ1 … λ10 (Fig 13), from an independent spectrum of its θ.</summary>
public sealed class ExponentsAfterTrainingTests
{
    [Fact]
    public void The_leading_ten_exponents_are_those_of_the_trained_network()
    {
        var tanh = BuiltInCells.Find("vanilla-tanh")!;
        var options = new TrainOptions { Task = "xor", Delay = 4, Steps = 20, Batch = 4, Epochs = 5, TestBatch = 4, Seed = 3 };

        var trained = Trainer.Run(tanh, 12, options);
        var layout = tanh.Layout(CellDimensions.Of(12, 1));
        var independent = LyapunovSpectrum.Compute(layout, trained.Theta.AsSpan(0, layout.ParameterCount),
            new SpectrumOptions { K = 12, Steps = 20_000, Transient = 500, QTransient = 500, Input = InputKind.Bernoulli, Seed = 99 }).Exponents;

        Assert.Equal(Trainer.ExponentsAfterTraining, trained.ExponentsAfter.Length);
        Assert.Equal(trained.Lambda1After, trained.ExponentsAfter[0]);
        Assert.Equal(trained.ExponentsAfter.OrderDescending(), trained.ExponentsAfter);
        // 2 000 steps against 20 000 from another trajectory: finite-time estimates agree to a few 1e-2.
        for (var i = 0; i < 10; i++)
        {
            Assert.True(Math.Abs(trained.ExponentsAfter[i] - independent[i]) < 0.03, $"λ{i + 1}: {trained.ExponentsAfter[i]} against {independent[i]}");
        }
    }
}
