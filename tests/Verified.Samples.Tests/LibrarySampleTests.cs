using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Verified.Samples.Tests;

/// <summary>
/// Runs the program of docs/library.md (samples/Verified.Samples) as a user would, in its own
/// process, and checks what it prints: the spectrum, flossing that lowers the loss and brings the
/// flossed exponents towards 0, training that lowers the test loss, and κ2 at 256 bits resolved and
/// never below the finite-time bound exp(max_i S_i − min_i S_i).
/// </summary>
public sealed class LibrarySampleTests
{
    private static Lazy<string> Output => SampleRun.Output;

    [Fact]
    public void Sample_prints_four_finite_exponents_before_and_after_flossing()
    {
        Assert.All(Exponents("spectrum before flossing"), value => Assert.True(double.IsFinite(value)));
        Assert.All(Exponents("spectrum after flossing"), value => Assert.True(double.IsFinite(value)));
        Assert.Equal(4, Exponents("spectrum before flossing").Length);
        Assert.Equal(4, Exponents("spectrum after flossing").Length);
    }

    [Fact]
    public void Sample_flossing_lowers_the_loss_and_brings_the_flossed_exponents_towards_zero()
    {
        var loss = Match(@"flossing loss: (\S+) -> (\S+) in 150 epochs");
        var (before, after) = (Exponents("spectrum before flossing"), Exponents("spectrum after flossing"));

        Assert.True(Number(loss[2]) < Number(loss[1]) / 5, $"flossing loss {loss[1]} -> {loss[2]}");
        Assert.True(after.Take(2).Max(Math.Abs) < before.Take(2).Min(Math.Abs), $"flossed exponents {string.Join(", ", before)} -> {string.Join(", ", after)}");
    }

    [Fact]
    public void Sample_training_lowers_the_test_loss_tenfold()
    {
        var training = Match(@"training: test loss (\S+) -> (\S+), λ1 after training (\S+)");

        Assert.True(Number(training[2]) < Number(training[1]) / 10, $"test loss {training[1]} -> {training[2]}");
        Assert.True(double.IsFinite(Number(training[3])));
    }

    [Fact]
    public void Sample_condition_numbers_are_resolved_and_not_below_the_finite_time_bound()
    {
        var points = Regex.Matches(Output.Value, @"condition m=(\d+) t=(\d+): log10 κ2 = (\S+), Eq 10 (\S+), finite-time bound (\S+)");

        Assert.Equal(["2/10", "4/10", "2/40", "4/40"], points.Select(point => $"{point.Groups[1].Value}/{point.Groups[2].Value}"));
        Assert.All(points, point =>
        {
            var (numeric, bound) = (Number(point.Groups[3].Value), Number(point.Groups[5].Value));
            Assert.True(numeric >= bound - 1e-3, $"log10 κ2 = {numeric} below the finite-time bound {bound}");
        });
    }

    private static GroupCollection Match(string pattern)
    {
        var match = Regex.Match(Output.Value, pattern);
        Assert.True(match.Success, $"no line matches '{pattern}' in:\n{Output.Value}");
        return match.Groups;
    }

    private static double[] Exponents(string label) =>
        [.. Match(label + @": (.*)")[1].Value.Trim().Split(", ").Select(Number)];

    private static double Number(Group group) => Number(group.Value);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
