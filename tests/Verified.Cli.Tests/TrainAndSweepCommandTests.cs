using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class TrainAndSweepCommandTests
{
    [Fact]
    public void Train_writes_history_and_final_with_the_contract_fields()
    {
        var json = Path.Combine(CliRunner.TemporaryFolder(), "train.json");

        var (code, _, error) = CliRunner.Run("train", "--cell", "vanilla-tanh", "--n", "8", "--task", "copy", "--delay", "3", "--steps", "20",
            "--epochs", "4", "--batch", "4", "--flossing", "during", "--floss-at", "0", "2", "--floss-epochs", "2", "--floss-steps", "30",
            "--floss-parameters", "W", "--loss", "mse", "--init", "orthogonal", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var history = document.RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(4, history.Count);
        foreach (var entry in history.Append(document.RootElement.GetProperty("final")))
        {
            foreach (var field in new[] { "epoch", "loss", "testLoss", "testAccuracy", "gradNormH0", "seconds" })
            {
                Assert.True(entry.TryGetProperty(field, out _), field);
            }
        }
        Assert.Equal([0, 2], document.RootElement.GetProperty("flossedAtEpochs").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Sweep_runs_a_shard_resumes_and_merges()
    {
        var folder = CliRunner.TemporaryFolder();
        string[] Args(string shard) => ["sweep", "--cell", "vanilla-tanh", "--n", "6", "--task", "copy", "--delays", "2", "3", "--seeds", "2",
            "--schedules", "none", "--epochs", "2", "--steps", "12", "--out", folder, "--shard", shard];

        var (first, output1, _) = CliRunner.Run(Args("0/2"));
        var (again, output2, _) = CliRunner.Run(Args("0/2"));
        var (second, _, _) = CliRunner.Run(Args("1/2"));
        var (merged, _, _) = CliRunner.Run("sweep", "--out", folder, "--merge");

        Assert.Equal([0, 0, 0, 0], new[] { first, again, second, merged });
        Assert.Contains("2 runs done now, 0 were already done", output1);
        Assert.Contains("0 runs done now, 2 were already done", output2);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "sweep.json")));
        Assert.Equal(4, document.RootElement.GetProperty("runs").GetArrayLength());
        Assert.True(new FileInfo(Path.Combine(folder, "sweep.png")).Length > 1000);
    }

    [Theory]
    [InlineData("train", "--cell", "vanilla-tanh", "--task", "parity")]
    [InlineData("train", "--cell", "vanilla-tanh", "--delay", "300", "--steps", "300")]
    [InlineData("train", "--cell", "vanilla-tanh", "--flossing", "sometimes")]
    [InlineData("train", "--cell", "vanilla-tanh", "--loss", "hinge")]
    [InlineData("train", "--cell", "vanilla-tanh", "--floss-parameters", "Q")]
    [InlineData("sweep", "--cell", "vanilla-tanh", "--out", "/tmp/x", "--shard", "2/2")]
    [InlineData("sweep", "--cell", "vanilla-tanh")]
    public void Bad_options_exit_with_two(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
