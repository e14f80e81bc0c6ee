using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>`verified validate` and `verified reproduce` in-process on small inputs: their report, data and plots, and resuming.</summary>
public sealed class ValidateAndReproduceCommandTests
{
    [Fact]
    public void Validate_writes_a_report_of_passing_checks_and_resumes_only_what_is_missing()
    {
        using var folder = new TemporaryFolder();

        var (code, output, error) = CliRunner.Run("validate", "--out", folder, "--parts", "derivatives", "flossing", "training");

        Assert.True(code == 0, output + error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        Assert.True(report.RootElement.GetProperty("passed").GetBoolean());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToList();
        // 16 derivative checks for every built-in cell, 9 of flossing and 6 of training.
        var expected = 16 * BuiltInCells.All.Count + 9 + 6;
        Assert.Equal(expected, checks.Count);
        Assert.All(checks, check => Assert.True(check.GetProperty("passed").GetBoolean(), check.ToString()));
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains($"All {expected} checks passed", markdown);
        Assert.Contains("| torch-lstm: tangentvjp-theta-vs-finite-differences |", markdown);
        Assert.Contains("| lstm: tangentvjp-theta-vs-finite-differences |", markdown);
        foreach (var plot in new[] { "flossing-loss.png", "flossing-exponents.png", "flossing-spectrum.png", "training-curve.png" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, plot)).Length > 10_000, plot);
            Assert.Contains($"]({plot})", markdown);
        }
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*", SearchOption.AllDirectories));
        StrictJson.AssertFolder(folder);

        // Interrupted after two parts: only the missing one runs again.
        File.Delete(Path.Combine(folder, "parts", "training.json"));
        var flossingOutcome = File.ReadAllText(Path.Combine(folder, "parts", "flossing.json"));
        var (again, rerun, _) = CliRunner.Run("validate", "--out", folder, "--parts", "derivatives", "flossing", "training");

        Assert.Equal(0, again);
        Assert.Contains("resuming: derivatives, flossing already done", rerun);
        Assert.Contains("BPTT gradient and a short training run", rerun);
        Assert.DoesNotContain("Exact flossing gradient and a flossing run ...", rerun);
        Assert.Equal(flossingOutcome, File.ReadAllText(Path.Combine(folder, "parts", "flossing.json")));
        Assert.True(File.Exists(Path.Combine(folder, "parts", "training.json")));
    }

    [Fact]
    public void Validate_of_some_parts_keeps_the_earlier_parts_in_the_report()
    {
        using var folder = new TemporaryFolder();

        var (first, _, firstError) = CliRunner.Run("validate", "--out", folder, "--parts", "derivatives");
        var (second, output, secondError) = CliRunner.Run("validate", "--out", folder, "--parts", "flossing");

        Assert.True(first == 0, firstError);
        Assert.True(second == 0, secondError);
        Assert.Contains("(with the earlier results of derivatives)", output);
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        // 16 derivative checks for every built-in cell, 9 of flossing.
        var expected = 16 * BuiltInCells.All.Count + 9;
        Assert.Contains($"All {expected} checks passed", markdown);
        Assert.Contains("(`derivatives`,", markdown);
        Assert.Contains("(`flossing`,", markdown);
        Assert.True(markdown.IndexOf("(`derivatives`,", StringComparison.Ordinal) < markdown.IndexOf("(`flossing`,", StringComparison.Ordinal), "parts in the suite's order");
        Assert.Contains("Parts not yet run in this folder: `spectrum`, `condition`, `training`.", markdown);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        Assert.Equal(expected, report.RootElement.GetProperty("checks").GetArrayLength());
        Assert.Equal(["derivatives", "flossing"], report.RootElement.GetProperty("parts").EnumerateArray().Select(part => part.GetProperty("part").GetString()));
        Assert.Equal(["spectrum", "condition", "training"], report.RootElement.GetProperty("notRun").EnumerateArray().Select(part => part.GetString()));
    }

    /// <summary>A part outcome that is truncated, null, empty or not an outcome is reported and the part is run again; the tool does not crash.</summary>
    [Theory]
    [InlineData("{\"id\":\"derivatives\",\"key\":{\"pa")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"derivatives\",\"key\":{\"part\":\"derivatives\"},\"result\":{}}")]
    public void A_corrupted_part_outcome_is_reported_and_redone(string text)
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(Path.Combine(folder, "parts"));
        File.WriteAllText(Path.Combine(folder, "parts", "derivatives.json"), text);

        var (code, output, error) = CliRunner.Run("validate", "--out", folder, "--parts", "derivatives");

        Assert.True(code == 0, output + error);
        Assert.StartsWith("warning: 'parts/derivatives.json'", error);
        Assert.DoesNotContain("resuming", output);
        using var outcome = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "parts", "derivatives.json")));
        Assert.Equal("derivatives", outcome.RootElement.GetProperty("result").GetProperty("part").GetString());
    }

    [Fact]
    public void A_part_recorded_by_another_build_is_validated_again()
    {
        using var folder = new TemporaryFolder();
        var (first, _, _) = CliRunner.Run("validate", "--out", folder, "--parts", "derivatives");
        var file = Path.Combine(folder, "parts", "derivatives.json");
        // The same outcome, recorded as another build's: after a pull or a change of code the key's build differs.
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal(Verified.Cli.Validation.ValidationSuite.Build, envelope["key"]!["build"]!.GetValue<string>());
        envelope["key"]!["build"] = "0.1.0+another";
        File.WriteAllText(file, envelope.ToJsonString());

        var (again, output, error) = CliRunner.Run("validate", "--out", folder, "--parts", "derivatives");

        Assert.Equal([0, 0], new[] { first, again });
        Assert.Contains("was computed with other options", error);
        Assert.DoesNotContain("resuming", output);
        Assert.Equal(Verified.Cli.Validation.ValidationSuite.Build, System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!["key"]!["build"]!.GetValue<string>());
    }

    [Fact]
    public void A_failing_check_makes_validate_exit_with_one()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(Path.Combine(folder, "parts"));
        // A recorded outcome whose check failed: the report must say so and the exit code must be 1.
        File.WriteAllText(Path.Combine(folder, "parts", "derivatives.json"), """
            {"id":"derivatives","key":{"part":"derivatives","build":"BUILD"},"version":"0.1.0","result":{"part":"derivatives","title":"Generated derivatives of every built-in cell","checks":[{"part":"derivatives","name":"x","measured":1,"relation":"≤","limit":0.5,"passed":false}],"files":[],"seconds":0}}
            """.Replace("BUILD", Verified.Cli.Validation.ValidationSuite.Build));

        var (code, output, _) = CliRunner.Run("validate", "--out", folder, "--parts", "derivatives");

        Assert.Equal(1, code);
        Assert.Contains("1 of 1 checks FAILED", output);
        Assert.Contains("**FAIL**", File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    [Fact]
    public void Reproduce_fig6_writes_json_csv_and_plot_reruns_nothing_when_done_and_redoes_a_truncated_unit()
    {
        using var folder = new TemporaryFolder();

        var (code, output, error) = CliRunner.Run("reproduce", "fig6", "--out", folder);

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "fig6.json")));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["lstm", "vanilla-relu"], runs.Select(run => run.GetProperty("cell").GetString()));
        // Flossing toward 0 brings λ1 closer to 0.
        Assert.All(runs, run => Assert.True(Math.Abs(run.GetProperty("lambda1After").GetDouble()) < Math.Abs(run.GetProperty("lambda1Before").GetDouble()), run.ToString()));
        var csv = File.ReadAllLines(Path.Combine(folder, "fig6.csv"));
        Assert.Equal("arm,gain,epoch,loss,lambda1", csv[0]);
        Assert.Equal(1 + 2 * 150, csv.Length);
        Assert.True(new FileInfo(Path.Combine(folder, "fig6.png")).Length > 10_000);
        StrictJson.AssertFolder(folder);

        var (again, rerun, _) = CliRunner.Run("reproduce", "fig6", "--out", folder);
        Assert.Equal(0, again);
        Assert.Contains("2 of 2 runs already done", rerun);

        var unit = Path.Combine(folder, "units", "lstm.json");
        File.WriteAllText(unit, File.ReadAllText(unit)[..300]);
        var (redone, output3, warnings) = CliRunner.Run("reproduce", "fig6", "--out", folder);
        Assert.Equal(0, redone);
        Assert.Contains("1 of 2 runs already done", output3);
        Assert.Contains("'units/lstm.json' does not parse", warnings);
    }

    [Fact]
    public void A_scale_of_another_size_in_the_same_folder_is_not_handed_back()
    {
        using var folder = new TemporaryFolder();
        var (small, _, _) = CliRunner.Run("reproduce", "fig6", "--out", folder, "--shard", "0/2");

        var (paper, output, warnings) = CliRunner.Run("reproduce", "fig6", "--scale", "paper", "--out", folder, "--shard", "1/2");

        Assert.Equal([0, 0], new[] { small, paper });
        Assert.DoesNotContain("already done", output);
        Assert.DoesNotContain("fig6.png", string.Join(" ", Directory.GetFiles(folder).Select(Path.GetFileName)));
        Assert.Contains("runs of other shards are missing", output);
    }

    [Fact]
    public void Reproduce_shards_run_disjoint_runs_and_the_last_draws_the_figure()
    {
        using var folder = new TemporaryFolder();

        var (first, output, _) = CliRunner.Run("reproduce", "fig6", "--out", folder, "--shard", "0/2");

        Assert.Equal(0, first);
        Assert.Contains("runs of other shards are missing", output);
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "units")));
        Assert.False(File.Exists(Path.Combine(folder, "fig6.png")));

        var (second, _, _) = CliRunner.Run("reproduce", "fig6", "--out", folder, "--shard", "1/2");
        Assert.Equal(0, second);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "units")).Length);
        Assert.True(File.Exists(Path.Combine(folder, "fig6.png")));
    }
}
