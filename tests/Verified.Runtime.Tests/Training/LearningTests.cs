using Verified.Training;
using Xunit;

namespace Verified.Runtime.Tests.Training;

public sealed class LearningTests
{
    private static CellSpec Tanh => BuiltInCells.Find("vanilla-tanh")!;

    private static readonly TrainOptions Tiny = new()
    {
        Task = "copy", Delay = 3, Steps = 30, Batch = 4, Epochs = 12, TestBatch = 8, EvalEvery = 1,
        FlossK = 4, FlossEpochs = 20, FlossSteps = 40, FlossTransient = 10, FlossAt = [0, 4, 8],
    };

    /// <summary>A short run learns: temporal XOR with d = 4, N = 32 reaches test accuracy ≥ 0.95 within 500 epochs.</summary>
    [Fact]
    public void Temporal_xor_with_delay_4_is_learned()
    {
        var result = Trainer.Run(Tanh, 32, new TrainOptions
        {
            Task = "xor", Delay = 4, Steps = 100, Epochs = 500, LearningRate = 3e-3, Seed = 1, EvalEvery = 10,
        });

        var best = result.History.Max(epoch => epoch.TestAccuracy);
        Assert.True(best >= 0.95, $"best test accuracy {best:F3}, final {result.Final.TestAccuracy:F3}");
        Assert.All(result.History, epoch => Assert.True(double.IsFinite(epoch.Loss) && epoch.GradNormH0 >= 0));
    }

    [Fact]
    public void Evaluating_every_few_epochs_records_those_epochs_and_trains_the_same_parameters()
    {
        var every = Trainer.Run(Tanh, 8, Tiny with { Flossing = FlossingSchedule.During });
        var sparse = Trainer.Run(Tanh, 8, Tiny with { Flossing = FlossingSchedule.During, EvalEvery = 5 });

        Assert.Equal([0, 5, 10, 11], sparse.History.Select(epoch => epoch.Epoch));
        Assert.Equal(Enumerable.Range(0, 12), every.History.Select(epoch => epoch.Epoch));
        Assert.Equal(every.Theta, sparse.Theta);
        Assert.Equal(every.Final.TestLoss, sparse.Final.TestLoss);
        foreach (var epoch in sparse.History)
        {
            Assert.Equal(every.History[epoch.Epoch] with { Seconds = 0 }, epoch with { Seconds = 0 }, new EpochComparer());
            Assert.True(epoch.Seconds > 0);
        }
    }

    [Fact]
    public void Flossing_before_and_during_training_changes_the_parameters_and_brings_the_exponents_toward_the_target()
    {
        var none = Trainer.Run(Tanh, 8, Tiny);
        var pre = Trainer.Run(Tanh, 8, Tiny with { Flossing = FlossingSchedule.Pre });
        var during = Trainer.Run(Tanh, 8, Tiny with { Flossing = FlossingSchedule.During });

        Assert.Empty(none.FlossingEpisodes);
        Assert.Equal([0], pre.FlossingEpisodes.Select(episode => episode.AtEpoch));
        Assert.Equal([0, 4, 8], during.FlossingEpisodes.Select(episode => episode.AtEpoch));
        Assert.NotEqual(none.Theta, pre.Theta);
        Assert.NotEqual(none.Theta, during.Theta);
        Assert.NotEqual(pre.Theta, during.Theta);
        var episode = pre.FlossingEpisodes[0];
        Assert.True(episode.LossLast < 0.9 * episode.LossFirst, $"flossing loss {episode.LossFirst} → {episode.LossLast}");
        Assert.True(episode.ExponentsLast.Sum(Math.Abs) < episode.ExponentsFirst.Sum(Math.Abs),
            $"Σ|λ| {episode.ExponentsFirst.Sum(Math.Abs)} → {episode.ExponentsLast.Sum(Math.Abs)}");
    }

    [Fact]
    public void Flossing_only_the_named_parameters_leaves_the_others_untouched()
    {
        var layout = Tanh.Layout(CellDimensions.Of(8, 1));
        var theta = Verified.Initialisation.ParameterInitialiser.Create(layout, 1.0, new Verified.Randomness.Rng(3));
        var before = theta.ToArray();

        Verified.Flossing.Flosser.Run<double>(layout, theta, new Verified.Flossing.FlossOptions { K = 2, Epochs = 3, Steps = 30, Transient = 5, Parameters = ["b"] });

        var w = layout.Parameter("W");
        var b = layout.Parameter("b");
        Assert.Equal(before.AsSpan(w.Offset, w.Length).ToArray(), theta.AsSpan(w.Offset, w.Length).ToArray());
        Assert.NotEqual(before.AsSpan(b.Offset, b.Length).ToArray(), theta.AsSpan(b.Offset, b.Length).ToArray());
        Assert.Throws<ArgumentException>(() => Verified.Flossing.Flosser.Run<double>(layout, theta, new Verified.Flossing.FlossOptions { K = 2, Epochs = 1, Steps = 30, Transient = 5, Parameters = [] }));
    }

    [Fact]
    public void A_divergence_names_the_phase_the_epoch_and_the_step()
    {
        var linear = BuiltInCells.Find("linear")!;

        var training = Assert.Throws<Verified.Lyapunov.TrajectoryDivergedException>(() => Trainer.Run(linear, 8, Tiny with { Steps = 300, Gain = 10 }));
        var flossing = Assert.Throws<Verified.Lyapunov.TrajectoryDivergedException>(() => Trainer.Run(linear, 8, Tiny with
        {
            Gain = 1e6, Flossing = FlossingSchedule.Pre, FlossSteps = 100,
        }));

        Assert.Equal("training epoch 0", training.Context);
        Assert.InRange(training.Step, 1, 299);
        Assert.StartsWith($"training epoch 0, step {training.Step}: the ", training.Message);
        Assert.Equal("preflossing, flossing epoch 0", flossing.Context);
        Assert.InRange(flossing.Step, 20, 99);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("k")]
    [InlineData("unknown")]
    [InlineData("episode")]
    public void Options_that_would_floss_nothing_or_fail_later_are_refused_before_any_work(string defect)
    {
        var options = defect switch
        {
            "empty" => Tiny with { Flossing = FlossingSchedule.Pre, FlossParameters = [] },
            "k" => Tiny with { Flossing = FlossingSchedule.Pre, FlossK = 9 },
            "unknown" => Tiny with { Flossing = FlossingSchedule.Pre, FlossParameters = ["Q"] },
            _ => Tiny with { Flossing = FlossingSchedule.During, FlossAt = [12] },
        };

        Assert.Throws<ArgumentException>(() => Trainer.Run(Tanh, 8, options));
    }

    /// <summary>Records compared by value, arrays element by element.</summary>
    private sealed class EpochComparer : IEqualityComparer<TrainEpoch>
    {
        public bool Equals(TrainEpoch? a, TrainEpoch? b) =>
            a is not null && b is not null && a with { GradientSingularValues = Array.Empty<double>() } == b with { GradientSingularValues = Array.Empty<double>() }
            && a.GradientSingularValues.SequenceEqual(b.GradientSingularValues);

        public int GetHashCode(TrainEpoch epoch) => epoch.Epoch;
    }
}
