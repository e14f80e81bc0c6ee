using Verified.Randomness;
using Verified.Training.Tasks;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>Each task's inputs and targets against hand-worked tables for a small delay.</summary>
public sealed class TaskTableTests
{
    [Fact]
    public void Copy_targets_are_inputs_delayed_by_d()
    {
        var batch = new CopyTask(2).Generate(new Rng(1), batch: 1, steps: 6);
        var x = Enumerable.Range(0, 6).Select(t => batch.InputAt(t)[0]).ToArray();
        var y = Enumerable.Range(0, 6).Select(t => batch.TargetAt(t)[0]).ToArray();

        Assert.All(x, value => Assert.InRange(value, 0, 1));
        Assert.Equal(new[] { 0, 0, x[0], x[1], x[2], x[3] }, y);
    }

    [Fact]
    public void Temporal_xor_is_the_difference_of_inputs_d_over_2_and_d_back()
    {
        // d = 4: y_t = |x_{t−2} − x_{t−4}| from t = 4 on.
        var batch = new TemporalXorTask(4).Generate(new Rng(3), batch: 1, steps: 10);
        var x = Enumerable.Range(0, 10).Select(t => (int)batch.InputAt(t)[0]).ToArray();
        var y = Enumerable.Range(0, 10).Select(t => (int)batch.TargetAt(t)[0]).ToArray();

        Assert.All(x, value => Assert.True(value is 0 or 1));
        var table = new[] { 0, 0, 0, 0, x[2] ^ x[0], x[3] ^ x[1], x[4] ^ x[2], x[5] ^ x[3], x[6] ^ x[4], x[7] ^ x[5] };
        Assert.Equal(table, y);
        Assert.Contains(1, y);
        Assert.Contains(0, y.Skip(4));
    }

    [Fact]
    public void Continuous_temporal_xor_is_the_absolute_difference_of_uniform_inputs_d_over_2_and_d_back()
    {
        var task = DelayedTask.Create("continuous-xor", 4);
        var batch = task.Generate(new Rng(5), batch: 1, steps: 10);
        var x = Enumerable.Range(0, 10).Select(t => batch.InputAt(t)[0]).ToArray();
        var y = Enumerable.Range(0, 10).Select(t => batch.TargetAt(t)[0]).ToArray();

        Assert.Equal(LossKind.MeanSquaredError, task.DefaultLoss);
        Assert.All(x, value => Assert.InRange(value, 0, 1));
        Assert.Contains(x, value => value is > 0.01 and < 0.99 && value != 0.5);
        Assert.Equal(new[] { 0, 0, 0, 0 }.Select(v => (double)v).Concat(Enumerable.Range(4, 6).Select(t => Math.Abs(x[t - 2] - x[t - 4]))), y);
    }

    [Fact]
    public void Refilling_a_batch_draws_the_next_sequences_of_the_stream()
    {
        var task = new CopyTask(3);
        var (once, twice) = (new Rng(8), new Rng(8));
        var first = task.Generate(once, 4, 12);
        var second = task.Generate(once, 4, 12);
        var reused = task.Generate(twice, 4, 12);
        task.Fill(twice, reused);

        Assert.Equal(second.Inputs, reused.Inputs);
        Assert.Equal(second.Targets, reused.Targets);
        Assert.NotEqual(first.Inputs, second.Inputs);
        Assert.Throws<ArgumentException>(() => new CopyTask(4).Fill(twice, reused));
    }

    [Fact]
    public void Spatial_xor_is_the_parity_of_three_channels_d_back()
    {
        var task = new SpatialXorTask(3);
        var batch = task.Generate(new Rng(4), batch: 2, steps: 8);
        for (var j = 0; j < 2; j++)
        {
            for (var t = 3; t < 8; t++)
            {
                var channels = Enumerable.Range(0, 3).Select(i => (int)batch.InputAt(t - 3)[i * 2 + j]).ToArray();
                Assert.Equal(channels[0] ^ channels[1] ^ channels[2], (int)batch.TargetAt(t)[j]);
            }
            Assert.Equal(0, batch.TargetAt(2)[j]);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_stream_and_a_different_seed_does_not()
    {
        var task = new CopyTask(5);

        Assert.Equal(task.Generate(new Rng(9), 4, 20).Inputs, task.Generate(new Rng(9), 4, 20).Inputs);
        Assert.NotEqual(task.Generate(new Rng(9), 4, 20).Inputs, task.Generate(new Rng(10), 4, 20).Inputs);
    }

    [Fact]
    public void Unknown_task_and_too_short_sequences_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DelayedTask.Create("parity", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CopyTask(5).Generate(new Rng(1), 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CopyTask(0));
    }
}
