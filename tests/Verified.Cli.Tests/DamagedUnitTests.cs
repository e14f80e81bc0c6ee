using System.Text.Json.Nodes;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>A figure unit with its own id and key but a result that is not whole counts as missing: the merge refuses it, naming it, and a rerun computes it again.</summary>
public sealed class DamagedUnitTests
{
    [Fact]
    public void A_unit_whose_result_is_not_a_whole_training_outcome_is_refused_by_the_merge_and_computed_again_by_a_rerun()
    {
        using var folder = new TemporaryFolder();
        var (first, output, error) = CliRunner.Run("reproduce", "fig3", "--scale", "small", "--out", folder);
        Assert.True(first == 0, output + error);
        var unit = Directory.GetFiles(Path.Combine(folder, "units"), "*.json").Order(StringComparer.Ordinal).First();
        var name = Path.GetFileName(unit);
        var whole = File.ReadAllText(unit);
        Func<JsonNode, JsonNode?>[] damages =
        [
            _ => new JsonObject(),
            _ => 42,
            _ => new JsonArray(),
            _ => new JsonObject { ["final"] = null },
            result => { result["final"]!["testLoss"] = "low"; return result; },
        ];

        foreach (var damage in damages)
        {
            var envelope = JsonNode.Parse(whole)!;
            envelope["result"] = damage(envelope["result"]!.DeepClone());
            File.WriteAllText(unit, envelope.ToJsonString());
            File.Delete(Path.Combine(folder, "fig3.json"));

            var (merged, _, refusal) = CliRunner.Run("reproduce", "fig3", "--scale", "small", "--out", folder, "--merge");
            var (rerun, again, warnings) = CliRunner.Run("reproduce", "fig3", "--scale", "small", "--out", folder);

            Assert.True(merged == 3, refusal);
            Assert.Contains($"'units/{name}' holds", refusal);
            Assert.Contains(Path.GetFileNameWithoutExtension(name), refusal.Split('\n').Single(line => line.StartsWith("error:", StringComparison.Ordinal)));
            Assert.True(rerun == 0, again + warnings);
            Assert.Contains("27 of 28 runs already done", again);
            Assert.True(File.Exists(Path.Combine(folder, "fig3.json")));
        }
    }
}
