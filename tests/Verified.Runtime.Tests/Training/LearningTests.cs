using Verified.Training;
using Xunit;

namespace Verified.Runtime.Tests.Training;

public sealed class LearningTests
{
    /// <summary>A short run learns: temporal XOR with d = 4, N = 32 reaches test accuracy ≥ 0.95 within 500 epochs.</summary>
    [Fact]
    public void Temporal_xor_with_delay_4_is_learned()
    {
        var result = Trainer.Run(BuiltInCells.Find("vanilla-tanh")!, 32, new TrainOptions
        {
            Task = "xor", Delay = 4, Steps = 100, Epochs = 500, LearningRate = 3e-3, Seed = 1,
        });

        var best = result.History.Max(epoch => epoch.TestAccuracy);
        Assert.True(best >= 0.95, $"best test accuracy {best:F3}, final {result.Final.TestAccuracy:F3}");
        Assert.All(result.History, epoch => Assert.True(double.IsFinite(epoch.Loss) && epoch.GradNormH0 >= 0));
    }

    [Fact]
    public void Flossing_schedules_run_where_they_are_asked_for()
    {
        var pre = Trainer.Run(BuiltInCells.Find("vanilla-tanh")!, 8, new TrainOptions
        {
            Task = "copy", Delay = 3, Steps = 30, Batch = 4, Epochs = 6, Flossing = FlossingSchedule.Pre, FlossEpochs = 3, FlossSteps = 40, TestBatch = 8,
        });
        var during = Trainer.Run(BuiltInCells.Find("vanilla-tanh")!, 8, new TrainOptions
        {
            Task = "copy", Delay = 3, Steps = 30, Batch = 4, Epochs = 6, Flossing = FlossingSchedule.During, FlossAt = [0, 2, 4], FlossEpochs = 2, FlossSteps = 40, TestBatch = 8,
        });

        Assert.Equal([0], pre.FlossedAtEpochs);
        Assert.Equal([0, 2, 4], during.FlossedAtEpochs);
        Assert.Equal(6, during.History.Count);
        Assert.True(double.IsFinite(during.Lambda1After));
    }
}
