using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;
using Verified.Lyapunov;
using Verified.Training;
using Xunit;

namespace Verified.Experiments.Tests.Sweeps;

/// <summary>A training run's identity: the Fig 3C ablation's options leave it alone at their defaults, and arms are named by what they change.</summary>
public sealed class RunIdentityTests
{
    private static CellSpec Tanh => BuiltInCells.Find("vanilla-tanh")!;

    [Fact]
    public void At_their_defaults_the_new_options_leave_key_and_id_unchanged()
    {
        var options = new TrainOptions { Task = "copy", Delay = 20, Epochs = 10 };
        var plain = TrainingRun.Of(Tanh, 8, options);

        Assert.Equal(plain.Id, TrainingRun.Of(Tanh, 8, options with { ModelInit = ModelInit.Verified, TaskInput = InputKind.Uniform }).Id);
        Assert.DoesNotContain("modelInit", ResultStore.Canonical(plain));
        Assert.DoesNotContain("taskInput", ResultStore.Canonical(plain));
        Assert.StartsWith("copy-d20-none-author-init-s1-", TrainingRun.Of(Tanh, 8, options with { ModelInit = ModelInit.AuthorCode }).Id);
        Assert.StartsWith("copy-d20-none-bernoulli-s1-", TrainingRun.Of(Tanh, 8, options with { TaskInput = InputKind.Bernoulli }).Id);
    }

    [Theory]
    [InlineData(FlossingSchedule.None, null, 55, "none", "no flossing")]
    [InlineData(FlossingSchedule.Pre, null, 55, "pre", "preflossing, k = 3")]
    [InlineData(FlossingSchedule.During, null, 55, "during", "flossing during training, k = 3")]
    [InlineData(FlossingSchedule.During, new[] { 0, 500 }, 55, "during-0-500", "flossing during training at epochs 0, 500, k = 3")]
    [InlineData(FlossingSchedule.Pre, null, 86, "pre-tf86", "preflossing, k = 3, T_f = 86")]
    public void Arms_are_named_by_what_they_change(FlossingSchedule schedule, int[]? at, int horizon, string key, string legend)
    {
        var options = new TrainOptions { Task = "xor", Delay = 70, Epochs = 1000, Flossing = schedule, FlossK = 3, FlossSteps = horizon, FlossAt = at ?? new TrainOptions().FlossAt }.Normalised();

        Assert.Equal((key, legend), (RunArm.Key(options), RunArm.Legend(options)));
    }
}
