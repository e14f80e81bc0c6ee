using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>--clip means the same in every command that takes it: a positive bound on each parameter's gradient norm, and 0 for no clipping.</summary>
public sealed class ClipOptionTests
{
    private static readonly Dictionary<string, string[]> Runs = new()
    {
        ["floss"] = ["floss", "--cell", "vanilla-tanh", "--n", "6", "--g", "2", "--epochs", "3", "--steps", "40", "--lr", "0.05"],
        ["train"] = ["train", "--cell", "vanilla-tanh", "--n", "6", "--task", "copy", "--delay", "2", "--steps", "12", "--batch", "4", "--epochs", "3", "--eval-every", "1", "--lr", "0.05"],
    };

    [Theory]
    [InlineData("floss")]
    [InlineData("train")]
    public void Clip_zero_is_no_clipping(string command)
    {
        var (zeroClip, zeroLosses) = Run(command, "0");
        var (looseClip, looseLosses) = Run(command, "1e300");
        var (_, tightLosses) = Run(command, "1e-6");

        // 0 is recorded as no bound, and runs as a bound that never binds does; a bound that binds changes the run, so the comparison can fail.
        Assert.Equal(JsonValueKind.Null, zeroClip.ValueKind);
        Assert.Equal(1e300, looseClip.GetDouble());
        Assert.Equal(looseLosses, zeroLosses);
        Assert.NotEqual(looseLosses, tightLosses);
    }

    [Theory]
    [InlineData("floss")]
    [InlineData("train")]
    public void A_negative_bound_is_refused_alike(string command)
    {
        var (code, output, error) = CliRunner.Run([.. Runs[command], "--clip", "-0.5"]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: --clip must be a finite number ≥ 0, not -0.5", error.TrimEnd());
    }

    /// <summary>The clip a run records in its JSON, and the losses of its history.</summary>
    private static (JsonElement Clip, double[] Losses) Run(string command, string clip)
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "run.json");
        var (code, _, error) = CliRunner.Run([.. Runs[command], "--clip", clip, "--json", json]);
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var options = root.GetProperty("configuration").GetProperty("options");
        options = command == "floss" ? options.GetProperty("flossing") : options;
        return (options.GetProperty("clip").Clone(), [.. root.GetProperty("history").EnumerateArray().Select(epoch => epoch.GetProperty("loss").GetDouble())]);
    }
}
