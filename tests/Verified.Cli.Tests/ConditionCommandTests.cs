using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class ConditionCommandTests
{
    [Fact]
    public void Condition_writes_the_contract_points()
    {
        var json = Path.Combine(CliRunner.TemporaryFolder(), "condition.json");

        var (code, _, error) = CliRunner.Run("condition", "--cell", "vanilla-tanh", "--n", "12", "--m", "2", "4", "--horizon", "20", "--every", "10",
            "--floss-k", "2", "--floss-epochs", "5", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var points = document.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(8, points.Count); // 2 values of m × 2 horizons × flossed or not
        Assert.All(points, point =>
        {
            foreach (var field in new[] { "m", "horizon", "flossed", "log10KappaNumeric", "log10KappaEq10", "log10KappaFiniteTime", "resolved" })
            {
                Assert.True(point.TryGetProperty(field, out _), field);
            }
            Assert.True(point.GetProperty("resolved").GetBoolean());
            Assert.True(point.GetProperty("log10KappaNumeric").GetDouble() >= point.GetProperty("log10KappaFiniteTime").GetDouble() - 1e-9);
        });
    }

    [Theory]
    [InlineData("condition", "--cell", "vanilla-tanh", "--n", "8", "--m", "9")]
    [InlineData("condition", "--cell", "vanilla-tanh", "--bits", "128")]
    [InlineData("condition", "--cell", "vanilla-tanh", "--horizon", "0")]
    public void Bad_options_exit_with_two(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
