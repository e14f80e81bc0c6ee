using Verified.Cli.Validation;
using Verified.Flossing;
using Verified.Training.Tasks;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Numbers that say what they are: accuracy only where targets are bits, every printed training number defined in the
/// help and the README, and validate's flossing reduction factor taken over the last 10 % of the epochs, not one.
/// </summary>
public sealed class MetricTests
{
    [Theory]
    [InlineData("copy", null, false)]
    [InlineData("continuous-xor", null, false)]
    [InlineData("copy", Verified.Lyapunov.InputKind.Bernoulli, true)]
    [InlineData("xor", null, true)]
    [InlineData("spatial-xor", null, true)]
    public void Accuracy_is_defined_only_for_tasks_whose_targets_are_bits(string task, Verified.Lyapunov.InputKind? input, bool hasAccuracy) =>
        Assert.Equal(hasAccuracy, DelayedTask.Create(task, 3, input).HasAccuracy);

    [Fact]
    public void Train_prints_no_accuracy_for_a_regression_task_and_prints_it_for_a_binary_one()
    {
        string[] Args(string task) => ["train", "--cell", "vanilla-tanh", "--n", "6", "--task", task, "--delay", "2", "--steps", "12", "--epochs", "2", "--eval-every", "1"];

        var (copyCode, copy, copyError) = CliRunner.Run(Args("copy"));
        var (xorCode, xor, xorError) = CliRunner.Run(Args("xor"));

        Assert.True(copyCode == 0 && xorCode == 0, copyError + xorError);
        Assert.Contains("test ", copy);
        Assert.DoesNotContain("accuracy", copy);
        Assert.Contains("accuracy", xor);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("sweep")]
    public void Help_defines_every_number_the_command_prints(string command)
    {
        var (_, help, _) = CliRunner.Run(command, "--help");

        foreach (var definition in new[] { "loss, the training loss", "test, the same loss on a held-out batch", "accuracy, only for tasks whose targets are bits", "|∂L/∂h0|, the norm" })
        {
            Assert.Contains(definition, System.Text.RegularExpressions.Regex.Replace(help, @"\s+", " "), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Readme_defines_every_printed_training_number()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));

        Assert.Contains("## What the numbers mean", readme);
        foreach (var term in new[] { "**loss**", "**test**", "**accuracy**", "**|∂L/∂h0|**", "**final test loss**", "**best test accuracy**", "**λ1 after training**", "**flossing loss**" })
        {
            Assert.Contains(term, readme);
        }
    }

    [Fact]
    public void The_flossing_reduction_factor_divides_by_the_mean_of_the_last_tenth_of_the_epochs()
    {
        // 20 epochs: the first at 1, then 0.1, with one lucky last epoch at 1e-4. The last 10 % are the last two: mean 0.05005
        // (dividing by the last epoch alone would give 10 000).
        var history = Enumerable.Range(0, 20).Select(epoch => new FlossEpoch(epoch, epoch == 0 ? 1 : epoch == 19 ? 1e-4 : 0.1, [0.0], [0], 0)).ToList();

        Assert.Equal(1 / 0.05005, FlossingPart.ReductionFactor(history), 9);
    }
}
