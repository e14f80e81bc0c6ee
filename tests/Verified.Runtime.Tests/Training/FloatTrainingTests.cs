using Verified.Checks;
using Verified.Training;
using Verified.Training.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Verified.Runtime.Tests.Training;

/// <summary>Training in float: its BPTT gradient against double's, its runs deterministic, its loss curve on double's.</summary>
public sealed class FloatTrainingTests(ITestOutputHelper log)
{
    [Theory]
    [MemberData(nameof(BpttGradientTests.Cases), MemberType = typeof(BpttGradientTests))]
    public void The_float_gradient_is_the_double_gradient_to_float_rounding(string cell, string taskName, LossKind loss)
    {
        var check = BpttGradientCheck.RunFloat(BuiltInCells.Find(cell)!, taskName, loss);

        log.WriteLine($"{check.Name}: {check.MaxRelError:E2} (bound {check.Tolerance:E2})");
        Assert.True(check.Passed, $"{check.Name}: {check.MaxRelError:E2} > {check.Tolerance:E2}");
        // Float, not double: the error is float rounding, far above double's.
        Assert.True(check.MaxRelError > 1e-10, $"{check.MaxRelError:E2}: the float path ran in double");
    }

    [Fact]
    public void A_float_run_is_deterministic_and_tracks_the_double_run_for_200_epochs()
    {
        var tanh = BuiltInCells.Find("vanilla-tanh")!;
        var options = new TrainOptions { Task = "copy", Delay = 5, Steps = 40, Batch = 8, Epochs = 200, TestBatch = 16, EvalEvery = 20, LearningRate = 3e-3,
            Flossing = FlossingSchedule.Pre, FlossK = 4, FlossEpochs = 10, FlossSteps = 30, FlossTransient = 5 };

        var single = Trainer.Run(tanh, 16, options with { Precision = ElementPrecision.Float });
        var again = Trainer.Run(tanh, 16, options with { Precision = ElementPrecision.Float });
        var twice = Trainer.Run(tanh, 16, options);

        Assert.Equal(single.Theta, again.Theta);
        Assert.NotEqual(single.Theta, twice.Theta);
        // The test loss falls about tenfold over these epochs; float's curve stays within 2 % of double's.
        Assert.True(twice.Final.TestLoss < twice.History[0].TestLoss / 5, $"{twice.History[0].TestLoss} → {twice.Final.TestLoss}");
        foreach (var (f, d) in single.History.Zip(twice.History))
        {
            log.WriteLine($"epoch {d.Epoch}: float {f.TestLoss:E4}, double {d.TestLoss:E4}");
            Assert.Equal(d.Epoch, f.Epoch);
            Assert.True(Math.Abs(f.TestLoss / d.TestLoss - 1) <= 0.02, $"epoch {d.Epoch}: float {f.TestLoss} against double {d.TestLoss}");
        }
    }
}
