using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class TrainAndSweepCommandTests
{
    [Fact]
    public void Train_writes_history_and_final_with_the_contract_fields()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "train.json");

        var (code, _, error) = CliRunner.Run("train", "--cell", "vanilla-tanh", "--n", "8", "--task", "copy", "--delay", "3", "--steps", "20",
            "--epochs", "4", "--batch", "4", "--flossing", "during", "--floss-at", "0", "2", "--floss-epochs", "2", "--floss-steps", "30",
            "--floss-parameters", "W", "--loss", "mse", "--init", "orthogonal", "--eval-every", "1", "--json", json);

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
        Assert.Equal([0, 2], document.RootElement.GetProperty("flossingEpisodes").EnumerateArray().Select(e => e.GetProperty("atEpoch").GetInt32()));
    }

    [Fact]
    public void Train_records_the_clv_overlap_at_every_evaluation_only_when_asked()
    {
        using var folder = new TemporaryFolder();
        string[] Args(string json, params string[] extra) => ["train", "--cell", "vanilla-tanh", "--n", "8", "--task", "copy", "--delay", "3", "--steps", "20",
            "--epochs", "5", "--batch", "4", "--eval-every", "2", "--json", json, .. extra];
        var (asked, plain) = (Path.Combine(folder, "asked.json"), Path.Combine(folder, "plain.json"));

        var (code, output, error) = CliRunner.Run(Args(asked, "--record-clv-overlap"));
        var (plainCode, plainOutput, _) = CliRunner.Run(Args(plain));

        Assert.True(code == 0 && plainCode == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(asked));
        var history = document.RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([0, 2, 4], history.Select(entry => entry.GetProperty("epoch").GetInt32()));
        Assert.All(history, entry => Assert.InRange(entry.GetProperty("clvOverlap").GetDouble(), 0, 1));
        Assert.True(document.RootElement.GetProperty("configuration").GetProperty("options").GetProperty("recordClvOverlap").GetBoolean());
        Assert.Contains("|cos(∂L/∂h0, v1)|", output);
        using var without = JsonDocument.Parse(File.ReadAllText(plain));
        Assert.All(without.RootElement.GetProperty("history").EnumerateArray(), entry => Assert.False(entry.TryGetProperty("clvOverlap", out _)));
        Assert.False(without.RootElement.GetProperty("configuration").GetProperty("options").TryGetProperty("recordClvOverlap", out _));
        Assert.DoesNotContain("cos(", plainOutput);
    }

    [Fact]
    public void Sweep_runs_a_shard_resumes_and_merges()
    {
        using var folder = new TemporaryFolder();
        string[] Args(string shard) => ["sweep", "--cell", "vanilla-tanh", "--n", "6", "--task", "copy", "--delays", "2", "3", "--seeds", "2",
            "--schedules", "none", "--epochs", "2", "--steps", "12", "--out", folder, "--shard", shard];

        var (first, output1, _) = CliRunner.Run(Args("0/2"));
        var (again, output2, _) = CliRunner.Run(Args("0/2"));
        var (early, _, missing) = CliRunner.Run("sweep", "--out", folder, "--merge");
        var drawnEarly = File.Exists(Path.Combine(folder, "sweep.json"));
        var (second, _, _) = CliRunner.Run(Args("1/2"));
        var (merged, _, _) = CliRunner.Run("sweep", "--out", folder, "--merge");

        Assert.Equal([0, 0, 3, 0, 0], new[] { first, again, early, second, merged });
        Assert.StartsWith("error: the sweep in", missing);
        Assert.Contains("2 runs are missing", missing);
        Assert.False(drawnEarly);
        Assert.Contains("2 runs done now, 0 were already done", output1);
        Assert.Contains("0 runs done now, 2 were already done", output2);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "sweep.json")));
        Assert.Equal(4, document.RootElement.GetProperty("runs").GetArrayLength());
        Assert.True(new FileInfo(Path.Combine(folder, "sweep.png")).Length > 1000);
    }

    /// <summary>--seed is the first seed of --seeds S: two sweeps that differ in it run other seeds, and --merge refuses options it would not read.</summary>
    [Fact]
    public void Sweep_seeds_start_at_the_first_seed_and_merge_takes_no_run_options()
    {
        string[] Args(string folder, string seed) => ["sweep", "--cell", "vanilla-tanh", "--n", "6", "--task", "copy", "--delays", "2", "--seeds", "2",
            "--schedules", "none", "--epochs", "2", "--steps", "12", "--out", folder, "--seed", seed];
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();

        var (code1, _, error1) = CliRunner.Run(Args(first, "1"));
        var (code3, _, error3) = CliRunner.Run(Args(second, "3"));
        var (merge, output, error) = CliRunner.Run("sweep", "--out", first, "--merge", "--epochs", "4");

        Assert.True(code1 == 0 && code3 == 0, error1 + error3);
        string[] Seeds(string folder) => [.. Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Select(path => Path.GetFileName(path).Split('-')[3]).Order()];
        Assert.Equal(["s1", "s2"], Seeds(first));
        Assert.Equal(["s3", "s4"], Seeds(second));
        Assert.Equal(2, merge);
        Assert.StartsWith("error: --epochs", error);
        Assert.False(File.Exists(Path.Combine(first, "sweep.json")), output);
    }

    [Fact]
    public void A_sweep_with_other_options_in_the_same_folder_reruns_and_foreign_files_are_never_merged()
    {
        using var folder = new TemporaryFolder();
        string[] Args(string epochs) => ["sweep", "--cell", "vanilla-tanh", "--n", "6", "--task", "copy", "--delays", "2", "--seeds", "2",
            "--schedules", "none", "--epochs", epochs, "--steps", "12", "--out", folder, "--jobs", "2"];

        var (first, output1, _) = CliRunner.Run(Args("2"));
        var (other, output2, _) = CliRunner.Run(Args("3"));
        var ofSecond = Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Where(path => File.ReadAllText(path).Contains("\"epochs\": 3")).ToList();
        File.WriteAllText(ofSecond[0], File.ReadAllText(ofSecond[0])[..100]);
        File.WriteAllText(Path.Combine(folder, "runs", "garbage.json"), """{"id":"garbage"}""");
        var (again, output3, warnings) = CliRunner.Run(Args("3"));
        var (merged, _, mergeWarnings) = CliRunner.Run("sweep", "--out", folder, "--merge");

        Assert.Equal([0, 0, 0, 0], new[] { first, other, again, merged });
        Assert.Contains("2 runs done now, 0 were already done", output1);
        Assert.Contains("2 runs done now, 0 were already done", output2);
        Assert.Equal(2, ofSecond.Count);
        Assert.Contains("1 runs done now, 1 were already done", output3);
        Assert.Contains("does not parse", warnings);
        Assert.Contains("garbage.json' is not a Verified result", mergeWarnings);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "sweep.json")));
        var epochs = document.RootElement.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("run").GetProperty("options").GetProperty("epochs").GetInt32());
        Assert.Equal([2, 2, 3, 3], epochs.Order());
    }

    [Fact]
    public void A_run_file_whose_key_has_a_field_more_is_left_out_by_the_merge_as_it_is_recomputed_by_a_rerun()
    {
        using var folder = new TemporaryFolder();
        string[] sweep = ["sweep", "--cell", "vanilla-tanh", "--n", "4", "--task", "copy", "--delays", "2", "--seeds", "2",
            "--schedules", "none", "--epochs", "2", "--steps", "10", "--out", folder, "--jobs", "1"];
        Assert.Equal(0, CliRunner.Run(sweep).ExitCode);
        var run = Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Order(StringComparer.Ordinal).First();
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run))!;
        envelope["key"]!["extra"] = 1;
        File.WriteAllText(run, envelope.ToJsonString());

        var (merged, _, refusal) = CliRunner.Run("sweep", "--out", folder, "--merge");
        var (rerun, output, _) = CliRunner.Run(sweep);

        Assert.Equal(3, merged);
        Assert.Contains($"'runs/{Path.GetFileName(run)}' does not belong here", refusal);
        Assert.Contains(Path.GetFileNameWithoutExtension(run), refusal.Split('\n').Single(line => line.StartsWith("error:", StringComparison.Ordinal)));
        Assert.Equal(0, rerun);
        Assert.Contains("1 runs done now, 1 were already done", output);
    }

    [Fact]
    public void Flossing_episodes_past_the_last_epoch_are_refused_naming_floss_at_and_the_epochs()
    {
        var (code, _, error) = CliRunner.Run("train", "--cell", "vanilla-tanh", "--n", "8", "--k", "2", "--flossing", "during", "--epochs", "50", "--steps", "30", "--delay", "3");

        Assert.Equal(2, code);
        Assert.Equal("error: flossing during training needs episodes (--floss-at) at epochs between 0 and 49, not 100 200 300 400", error.Trim());
    }

    [Theory]
    [InlineData("--g", "3")]
    [InlineData("--lr", "10", "--clip", "0")]
    public void An_exploding_linear_network_is_evaluated_and_stops_with_exit_one_naming_where_it_diverged(params string[] options)
    {
        var (code, _, error) = CliRunner.Run(["train", "--cell", "linear", "--n", "8", "--task", "copy", "--delay", "3", "--steps", "50", "--epochs", "3", .. options]);

        Assert.True(code == 1, error);
        Assert.Matches(@"^error: [^\n]*step \d+: the [a-z ]+ became NaN or infinite$", error.Trim());
    }

    [Theory]
    [InlineData("train", "--cell", "vanilla-tanh", "--task", "parity")]
    [InlineData("train", "--cell", "vanilla-tanh", "--delay", "300", "--steps", "300")]
    [InlineData("train", "--cell", "vanilla-tanh", "--flossing", "sometimes")]
    [InlineData("train", "--cell", "vanilla-tanh", "--loss", "hinge")]
    [InlineData("train", "--cell", "vanilla-tanh", "--floss-parameters", "Q")]
    [InlineData("sweep", "--cell", "vanilla-tanh", "--out", "/tmp/x", "--shard", "2/2")]
    [InlineData("sweep", "--cell", "vanilla-tanh")]
    [InlineData("sweep", "--cell", "vanilla-tanh", "--out", "/tmp/x", "--delays", "2", "20", "--steps", "10")]
    [InlineData("sweep", "--cell", "vanilla-tanh", "--n", "8", "--out", "/tmp/x", "--ks", "9", "--schedules", "pre")]
    [InlineData("sweep", "--cell", "vanilla-tanh", "--out", "/tmp/x", "--jobs", "0")]
    [InlineData("reproduce", "fig6", "--scale", "claims")]
    [InlineData("reproduce", "fig1", "--scale", "claims")]
    public void Bad_options_exit_with_two(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
