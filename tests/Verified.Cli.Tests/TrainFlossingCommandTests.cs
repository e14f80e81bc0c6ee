using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Every flossing schedule and option of `verified train`, end to end through the command line:
/// each must change the trained network (seen in its final test loss and λ1 after training), and
/// preflossing must bring the flossed exponents toward the target.
/// </summary>
public sealed class TrainFlossingCommandTests
{
    private static readonly string[] Training =
        ["train", "--cell", "vanilla-tanh", "--n", "8", "--task", "copy", "--delay", "3", "--steps", "30", "--batch", "4", "--epochs", "10"];

    private static readonly string[] Base =
        [.. Training, "--k", "4", "--floss-epochs", "20", "--floss-steps", "40", "--floss-transient", "10"];

    /// <summary>Flossing during training: episodes at epochs 0 and 5 unless the test gives its own.</summary>
    private static readonly string[] Episodes = ["--floss-at", "0", "5"];

    /// <summary>The base arguments with those of <paramref name="extra"/> in place of the base's own values of the same options.</summary>
    private static string[] With(string[] extra)
    {
        var given = extra.Where(argument => argument.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
        var kept = new List<string>();
        var skipping = false;
        foreach (var argument in extra.Contains("during") ? [.. Base, .. Episodes] : Base)
        {
            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                skipping = given.Contains(argument);
            }
            if (!skipping)
            {
                kept.Add(argument);
            }
        }
        return [.. kept, .. extra];
    }

    private static JsonElement Train(params string[] extra) => Json(With(extra));

    /// <summary>The same training without flossing (and so without flossing options, which it refuses).</summary>
    private static JsonElement TrainWithout() => Json([.. Training, "--flossing", "none"]);

    private static JsonElement Json(string[] args)
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "train.json");
        var (code, output, error) = CliRunner.Run([.. args, "--json", json]);
        Assert.True(code == 0, output + error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return document.RootElement.Clone();
    }

    private static (double TestLoss, double Lambda1) Outcome(JsonElement run) =>
        (run.GetProperty("final").GetProperty("testLoss").GetDouble(), run.GetProperty("lambda1After").GetDouble());

    /// <summary>
    /// `floss` reruns train's preflossing alone: from the same θ (train's own draw, saved with --epochs 0), with the seed
    /// train prints for episode 0 (--seed XOR FNV-1a("floss-0")) and train's flossing options, every exponent and loss
    /// of the first and last epoch agrees bit for bit.
    /// </summary>
    [Fact]
    public void Floss_with_the_printed_episode_seed_reproduces_train_s_preflossing_bit_for_bit()
    {
        using var folder = new TemporaryFolder();
        var theta = Path.Combine(folder, "initial.safetensors");
        string[] run = ["train", "--cell", "vanilla-tanh", "--n", "8", "--task", "copy", "--delay", "3", "--steps", "30", "--seed", "5", "--epochs", "0"];
        Assert.Equal(0, CliRunner.Run([.. run, "--save-params", theta]).ExitCode);
        var trainJson = Path.Combine(folder, "train.json");
        var (trainCode, trainOutput, trainError) = CliRunner.Run([.. run, "--flossing", "pre", "--k", "3", "--floss-epochs", "6", "--floss-steps", "40",
            "--floss-transient", "10", "--floss-lr", "0.01", "--json", trainJson]);
        Assert.True(trainCode == 0, trainError);
        var seed = System.Text.RegularExpressions.Regex.Match(trainOutput, @"flossing at epoch 0 \(seed (\d+)\)").Groups[1].Value;
        Assert.Equal(Verified.Randomness.Rng.DeriveSeed(5, "floss-0").ToString(System.Globalization.CultureInfo.InvariantCulture), seed);
        var flossJson = Path.Combine(folder, "floss.json");

        var (code, _, error) = CliRunner.Run("floss", "--cell", "vanilla-tanh", "--params", theta, "--seed", seed, "--k", "3", "--epochs", "6",
            "--steps", "40", "--transient", "10", "--lr", "0.01", "--input", "uniform", "--json", flossJson);

        Assert.True(code == 0, error);
        var episode = JsonDocument.Parse(File.ReadAllText(trainJson)).RootElement.GetProperty("flossingEpisodes")[0];
        var history = JsonDocument.Parse(File.ReadAllText(flossJson)).RootElement.GetProperty("history");
        static double[] Values(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetDouble())];
        Assert.Equal(Values(episode.GetProperty("exponentsFirst")), Values(history[0].GetProperty("exponents")));
        Assert.Equal(Values(episode.GetProperty("exponentsLast")), Values(history[5].GetProperty("exponents")));
        Assert.Equal(episode.GetProperty("lossFirst").GetDouble(), history[0].GetProperty("loss").GetDouble());
        Assert.Equal(episode.GetProperty("lossLast").GetDouble(), history[5].GetProperty("loss").GetDouble());
    }

    [Fact]
    public void Flossing_before_and_during_training_changes_the_trained_network()
    {
        var none = Outcome(TrainWithout());
        var pre = Train("--flossing", "pre");
        var during = Train("--flossing", "during");

        Assert.NotEqual(none, Outcome(pre));
        Assert.NotEqual(none, Outcome(during));
        Assert.NotEqual(Outcome(pre), Outcome(during));
        Assert.Equal(2, during.GetProperty("flossingEpisodes").GetArrayLength());
        var episode = pre.GetProperty("flossingEpisodes")[0];
        var first = episode.GetProperty("exponentsFirst").EnumerateArray().Sum(lambda => Math.Abs(lambda.GetDouble()));
        var last = episode.GetProperty("exponentsLast").EnumerateArray().Sum(lambda => Math.Abs(lambda.GetDouble()));
        Assert.True(last < first, $"Σ|λ_i − 0| right after preflossing {last}, before {first}");
    }

    [Theory]
    [InlineData("pre", "--k", "2")]
    [InlineData("pre", "--floss-epochs", "10")]
    [InlineData("pre", "--floss-steps", "50")]
    [InlineData("pre", "--floss-lr", "3e-3")]
    [InlineData("pre", "--floss-parameters", "W")]
    [InlineData("pre", "--floss-input", "gaussian")]
    [InlineData("during", "--floss-at", "0", "7")]
    public void Every_flossing_option_changes_the_run(string schedule, params string[] option)
    {
        Assert.NotEqual(Outcome(Train("--flossing", schedule)), Outcome(Train(["--flossing", schedule, .. option])));
    }

    [Fact]
    public void Evaluation_every_few_epochs_keeps_those_epochs_and_changes_nothing_else()
    {
        var every = Train("--flossing", "pre", "--eval-every", "1");
        var sparse = Train("--flossing", "pre", "--eval-every", "4");

        Assert.Equal([0, 4, 8, 9], sparse.GetProperty("history").EnumerateArray().Select(epoch => epoch.GetProperty("epoch").GetInt32()));
        Assert.Equal(10, every.GetProperty("history").GetArrayLength());
        Assert.Equal(Outcome(every), Outcome(sparse));
    }

    [Theory]
    [InlineData("--flossing", "pre", "--floss-parameters")]
    [InlineData("--flossing", "pre", "--k", "9")]
    [InlineData("--flossing", "during", "--floss-at", "10")]
    [InlineData("--flossing", "pre", "--floss-steps", "10")]
    [InlineData("--flossing", "pre", "--floss-lr", "0")]
    [InlineData("--eval-every", "0")]
    [InlineData("--flossing", "none")]
    public void Flossing_options_that_cannot_work_are_refused_before_any_work(params string[] option)
    {
        var (code, output, error) = CliRunner.Run(With(option));

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
        Assert.DoesNotContain("epoch", output);
    }
}
