using System.Text.Json.Nodes;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>--threads changes who computes, never what: a large network's spectrum, flossing and training are the same to the last bit.</summary>
public sealed class ThreadsCommandTests
{
    [Theory]
    [InlineData("spectrum", "exponents", new[] { "--n", "192", "--k", "192", "--g", "2", "--steps", "30", "--transient", "5" })]
    [InlineData("floss", "history", new[] { "--n", "160", "--k", "150", "--epochs", "2", "--steps", "40" })]
    [InlineData("clv", "vectors", new[] { "--n", "160", "--k", "150", "--steps", "20", "--transient", "10", "--backward-transient", "10", "--g", "2" })]
    [InlineData("train", "history", new[] { "--n", "192", "--epochs", "2", "--batch", "16", "--task", "copy", "--delay", "5" })]
    public void Two_and_three_threads_give_the_numbers_of_one(string command, string field, string[] sizes)
    {
        string Numbers(string threads)
        {
            using var temporary = new TemporaryFolder();
            var json = Path.Combine(temporary, "result.json");
            var (code, _, error) = CliRunner.Run([command, "--cell", "vanilla-tanh", .. sizes, "--threads", threads, "--json", json]);
            Assert.True(code == 0, error);
            var numbers = JsonNode.Parse(File.ReadAllText(json))![field]!;
            WithoutWallTimes(numbers);
            return numbers.ToJsonString();
        }

        var alone = Numbers("1");
        Assert.Equal(alone, Numbers("2"));
        Assert.Equal(alone, Numbers("3"));
    }

    /// <summary>Drops every "seconds" (a wall time, the one field that may differ).</summary>
    private static void WithoutWallTimes(JsonNode node)
    {
        if (node is JsonObject timed)
        {
            timed.Remove("seconds");
        }
        foreach (var child in node switch { JsonObject fields => fields.Select(pair => pair.Value), JsonArray items => items, _ => [] })
        {
            if (child is not null)
            {
                WithoutWallTimes(child);
            }
        }
    }
}
