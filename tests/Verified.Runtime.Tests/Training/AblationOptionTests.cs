using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Training;
using Verified.Training.Tasks;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>
/// The options of the Fig 3C ablation (docs/reproduction.md): the author's initialisation changes the
/// readout, offset and biases and nothing else of the draw, the copy task on bits draws bits, and both
/// stay out of a run's key and id at their defaults, so that recorded runs keep their ids.
/// </summary>
public sealed class AblationOptionTests
{
    private static CellSpec Tanh => BuiltInCells.Find("vanilla-tanh")!;

    [Fact]
    public void The_authors_initialisation_changes_readout_offset_and_biases_and_keeps_the_rest_of_the_draw()
    {
        var layout = Tanh.Layout(CellDimensions.Of(16, 1));
        var model = new RecurrentModel(layout, 1);
        var ours = model.Initialise(1.0, new Rng(7), biasRng: new Rng(8));
        var authors = model.Initialise(1.0, new Rng(7), init: ModelInit.AuthorCode, biasRng: new Rng(8));
        var bias = layout.Parameters.Single(parameter => parameter.Name == "b");

        foreach (var parameter in layout.Parameters.Where(parameter => parameter != bias))
        {
            Assert.Equal(ours.AsSpan(parameter.Offset, parameter.Length).ToArray(), authors.AsSpan(parameter.Offset, parameter.Length).ToArray());
        }
        Assert.All(ours.AsSpan(bias.Offset, bias.Length).ToArray(), value => Assert.Equal(0, value));
        Assert.All(authors.AsSpan(bias.Offset, bias.Length).ToArray(), value => Assert.InRange(value, 0, 0.1));
        Assert.True(authors.AsSpan(bias.Offset, bias.Length).ToArray().Distinct().Count() == bias.Length);
        // The same Gaussian draws, N(0, 1) instead of N(0, 1/n).
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(ours[model.ReadoutOffset + i] * 4, authors[model.ReadoutOffset + i], 14);
        }
        Assert.Equal((0.0, 0.001), (ours[model.BiasOffset], authors[model.BiasOffset]));
        // h_0 is relaxed under the biases it will train with, so only its draw is shared.
        Assert.NotEqual(ours.AsSpan(model.InitialStateOffset, 16).ToArray(), authors.AsSpan(model.InitialStateOffset, 16).ToArray());
    }

    [Fact]
    public void The_authors_input_weights_are_the_declared_draw_over_the_square_root_of_the_inputs_and_keep_the_rest()
    {
        var layout = Tanh.Layout(CellDimensions.Of(16, 3));
        var model = new RecurrentModel(layout, 1);
        var declared = model.Initialise(1.0, new Rng(7));
        var authors = model.Initialise(1.0, new Rng(7), inputWeights: InputWeightInit.AuthorCode);
        var v = Assert.Single(model.InputWeights());

        Assert.Equal("V", v.Name);
        for (var i = 0; i < v.Length; i++)
        {
            // N(0, 1/I) drawn, N(0, 1/I²) kept: the code's V ~ N(0, 1) seen through inputs divided by I = 3.
            Assert.Equal(declared[v.Offset + i] * (1 / Math.Sqrt(3)), authors[v.Offset + i]);
        }
        foreach (var parameter in layout.Parameters.Where(parameter => parameter != v))
        {
            Assert.Equal(declared.AsSpan(parameter.Offset, parameter.Length).ToArray(), authors.AsSpan(parameter.Offset, parameter.Length).ToArray());
        }
        Assert.Equal(declared.AsSpan(model.ReadoutOffset, 17).ToArray(), authors.AsSpan(model.ReadoutOffset, 17).ToArray());
        // h_0 is relaxed without input, so the input weights leave it as drawn.
        Assert.Equal(declared.AsSpan(model.InitialStateOffset, 16).ToArray(), authors.AsSpan(model.InitialStateOffset, 16).ToArray());
    }

    [Theory]
    [InlineData("copy")]
    [InlineData("xor")]
    public void The_authors_input_weights_are_refused_for_a_task_of_one_input(string task)
    {
        var options = new TrainOptions { Task = task, Delay = 2, Steps = 12, InputWeights = InputWeightInit.AuthorCode };
        var refused = Assert.Throws<ArgumentException>(() => Trainer.Validate(Tanh.Layout(CellDimensions.Of(6, 1)), options));

        Assert.Contains("more than one input", refused.Message);
        Trainer.Validate(Tanh.Layout(CellDimensions.Of(6, 3)), options with { Task = "spatial-xor" });
    }

    [Fact]
    public void The_copy_task_on_bits_draws_bits_and_copies_them()
    {
        var task = DelayedTask.Create("copy", 3, InputKind.Bernoulli);
        var batch = task.Generate(new Rng(2), batch: 4, steps: 40);

        Assert.Equal(InputKind.Bernoulli, task.Input);
        Assert.All(batch.Inputs, value => Assert.True(value is 0 or 1));
        Assert.Contains(0.0, batch.Inputs);
        Assert.Contains(1.0, batch.Inputs);
        for (var t = 3; t < 40; t++)
        {
            Assert.Equal(batch.InputAt(t - 3).ToArray(), batch.TargetAt(t).ToArray());
        }
    }

    [Theory]
    [InlineData("xor", InputKind.Uniform)]
    [InlineData("spatial-xor", InputKind.Uniform)]
    [InlineData("continuous-xor", InputKind.Bernoulli)]
    [InlineData("copy", InputKind.Gaussian)]
    public void Another_input_is_refused_where_the_task_cannot_draw_it(string task, InputKind input)
    {
        var refused = Assert.Throws<ArgumentException>(() => DelayedTask.Create(task, 4, input));
        Assert.Contains("copy task only", refused.Message);
    }

    [Fact]
    public void A_run_under_the_authors_initialisation_trains_deterministically_and_records_its_flossing_time()
    {
        var options = new TrainOptions { Task = "copy", Delay = 2, Steps = 12, Batch = 4, Epochs = 3, TestBatch = 4, ModelInit = ModelInit.AuthorCode, TaskInput = InputKind.Bernoulli,
            Flossing = FlossingSchedule.Pre, FlossK = 2, FlossEpochs = 2, FlossSteps = 10, FlossTransient = 2 };

        var first = Trainer.Run(Tanh, 6, options);
        var second = Trainer.Run(Tanh, 6, options);
        var plain = Trainer.Run(Tanh, 6, options with { ModelInit = null, TaskInput = null });

        Assert.Equal(first.Theta, second.Theta);
        Assert.NotEqual(first.Theta, plain.Theta);
        Assert.True(first.FlossingEpisodes.Single().Seconds > 0);
    }
}
