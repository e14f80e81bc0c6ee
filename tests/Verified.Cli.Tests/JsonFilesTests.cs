using System.Text.Json;
using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Storage;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Every JSON file the commands write parses with a strict reader into numbers or null (<see cref="StrictJson"/>),
/// also where a value does not exist (σ40 of a W with fewer singular values) or is not finite (the
/// exponents of a network whose Jacobians are zero); and spectrum, floss and condition record the
/// whole configuration that produced them. (validate and reproduce are checked in their own tests.)
/// </summary>
public sealed class JsonFilesTests
{
    private static JsonElement RunJson(params string[] args)
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "out.json");
        var (code, output, error) = CliRunner.Run([.. args, "--json", json]);
        Assert.True(code == 0, output + error);
        StrictJson.AssertNumbersOrNull(json);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("cells", "--n", "6")]
    [InlineData("check", "--cell", "linear", "--n", "3")]
    [InlineData("spectrum", "--cell", "lstm", "--n", "4", "--k", "8", "--steps", "200")]
    [InlineData("floss", "--cell", "vanilla-tanh", "--n", "8", "--k", "2", "--epochs", "3", "--steps", "40")]
    [InlineData("condition", "--cell", "vanilla-tanh", "--n", "8", "--m", "2", "--horizon", "20", "--floss-k", "1", "--floss-epochs", "2", "--confirm")]
    public void A_command_writes_numbers_or_null(params string[] args) => RunJson(args);

    /// <summary>A linear cell with A = 0: every R_ii is 0, the exponents, Σλ and Eq 10 are not finite numbers.</summary>
    [Fact]
    public void A_singular_cell_writes_null_where_a_number_is_not_finite()
    {
        var spectrum = RunJson("spectrum", "--cell", "linear", "--g", "0", "--n", "4", "--k", "4", "--steps", "50");
        var condition = RunJson("condition", "--cell", "linear", "--g", "0", "--n", "4", "--m", "2", "--horizon", "10");

        Assert.All(spectrum.GetProperty("exponents").EnumerateArray(), exponent => Assert.Equal(JsonValueKind.Null, exponent.ValueKind));
        Assert.Contains("the exponent of column 1 of Q is −∞", spectrum.GetProperty("warnings")[0].GetString());
        Assert.All(condition.GetProperty("points").EnumerateArray(), point => Assert.Equal(JsonValueKind.Null, point.GetProperty("log10KappaEq10").ValueKind));
    }

    /// <summary>At N = 8, ∂L/∂W has no σ20 or σ40: null, beside σ1.</summary>
    [Fact]
    public void Train_writes_null_for_singular_values_past_N()
    {
        var train = RunJson("train", "--cell", "vanilla-tanh", "--n", "8", "--delay", "3", "--steps", "20", "--epochs", "2", "--batch", "4",
            "--flossing", "pre", "--k", "2", "--floss-epochs", "2", "--floss-steps", "30");

        var sigma = train.GetProperty("final").GetProperty("gradientSingularValues").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Number, sigma[0].ValueKind);
        Assert.Equal([JsonValueKind.Null, JsonValueKind.Null], sigma.Skip(1).Select(value => value.ValueKind));
        Assert.Equal("pre", train.GetProperty("configuration").GetProperty("options").GetProperty("flossing").GetString());
        Assert.Equal(Verified.Storage.ResultJson.Version, train.GetProperty("configuration").GetProperty("verifiedVersion").GetString());
    }

    [Fact]
    public void A_sweep_writes_numbers_or_null_in_its_runs_and_its_merge()
    {
        using var folder = new TemporaryFolder();
        var (ran, _, error) = CliRunner.Run("sweep", "--cell", "vanilla-tanh", "--n", "6", "--task", "copy", "--delays", "2", "--seeds", "1",
            "--schedules", "none", "pre", "--epochs", "2", "--steps", "12", "--floss-epochs", "2", "--floss-steps", "20", "--floss-transient", "4", "--out", folder);
        var (merged, _, mergeError) = CliRunner.Run("sweep", "--out", folder, "--merge");

        Assert.True(ran == 0 && merged == 0, error + mergeError);
        // Two runs, the grid the sweep declared, and sweep.json.
        Assert.Equal(4, StrictJson.AssertFolder(folder));
    }

    /// <summary>A result file explains itself: the version, the cell and its source hash, its sizes, the gain and seed, and every option of the run as given.</summary>
    [Fact]
    public void Spectrum_floss_and_condition_record_their_whole_configuration()
    {
        var spectrum = RunJson("spectrum", "--cell", "gru", "--n", "5", "--g", "1.5", "--seed", "7", "--k", "3", "--steps", "300", "--transient", "40",
            "--tons", "2", "--input", "uniform", "--record-every", "30").GetProperty("configuration");
        var floss = RunJson("floss", "--cell", "vanilla-tanh", "--n", "6", "--seed", "9", "--k", "2", "--epochs", "2", "--steps", "40", "--target", "-0.5",
            "--lr", "0.01", "--clip", "0.5", "--checkpoint", "10", "--input", "gaussian", "--precision", "float").GetProperty("configuration");
        var condition = RunJson("condition", "--cell", "vanilla-tanh", "--n", "6", "--seed", "4", "--m", "2", "3", "--horizon", "12", "--every", "6",
            "--floss-k", "1", "--floss-epochs", "2", "--input", "gaussian").GetProperty("configuration");

        foreach (var (configuration, cell, n, seed) in new[] { (spectrum, "gru", 5, 7), (floss, "vanilla-tanh", 6, 9), (condition, "vanilla-tanh", 6, 4) })
        {
            Assert.Equal(Verified.Storage.ResultJson.Version, configuration.GetProperty("verifiedVersion").GetString());
            Assert.Equal(cell, configuration.GetProperty("cell").GetString());
            Assert.Equal(BuiltInCells.Find(cell)!.SourceHash, configuration.GetProperty("cellSourceHash").GetString());
            Assert.Equal(n, configuration.GetProperty("dimensions").GetProperty("N").GetInt32());
            Assert.Equal(seed, configuration.GetProperty("seed").GetInt32());
        }
        Assert.Equal(1.5, spectrum.GetProperty("gain").GetDouble());
        var spectrumOptions = spectrum.GetProperty("options");
        Assert.Equal([3, 300, 40, 40, 2, 30], new[] { "k", "steps", "transient", "qTransient", "tons", "recordEvery" }.Select(name => spectrumOptions.GetProperty(name).GetInt32()));
        Assert.Equal("uniform", spectrumOptions.GetProperty("input").GetString());
        Assert.Equal("float", floss.GetProperty("options").GetProperty("precision").GetString());
        var flossing = floss.GetProperty("options").GetProperty("flossing");
        Assert.Equal([2, 2, 40, 10], new[] { "k", "epochs", "steps", "checkpointEvery" }.Select(name => flossing.GetProperty(name).GetInt32()));
        Assert.Equal([-0.5, 0.01, 0.5], new[] { "target", "learningRate", "clip" }.Select(name => flossing.GetProperty(name).GetDouble()));
        Assert.Equal("gaussian", flossing.GetProperty("input").GetString());
        var measured = condition.GetProperty("options").GetProperty("condition");
        Assert.Equal([2, 3], measured.GetProperty("m").EnumerateArray().Select(m => m.GetInt32()));
        Assert.Equal([6, 12], measured.GetProperty("horizons").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(256, measured.GetProperty("bits").GetInt32());
        Assert.Equal(2, condition.GetProperty("options").GetProperty("flossing").GetProperty("epochs").GetInt32());
    }

    /// <summary>Every command's file opens with one envelope: kind and build, then, for a run of one cell, its configuration.</summary>
    [Theory]
    [InlineData("cells", "--n", "4")]
    [InlineData("check", "--cell", "linear", "--n", "3")]
    [InlineData("spectrum", "--cell", "vanilla-tanh", "--n", "4", "--steps", "50")]
    [InlineData("floss", "--cell", "vanilla-tanh", "--n", "4", "--epochs", "1", "--steps", "20")]
    [InlineData("condition", "--cell", "vanilla-tanh", "--n", "4", "--m", "2", "--horizon", "10")]
    [InlineData("clv", "--cell", "vanilla-tanh", "--n", "4", "--k", "2", "--steps", "20", "--transient", "10", "--backward-transient", "10")]
    [InlineData("basis", "--cell", "vanilla-tanh", "--n", "4", "--steps", "20", "--transients", "0", "10", "--samples", "2")]
    [InlineData("train", "--cell", "vanilla-tanh", "--n", "4", "--delay", "2", "--steps", "10", "--epochs", "1", "--batch", "2")]
    public void Every_command_writes_the_one_envelope(string command, params string[] args)
    {
        var root = RunJson([command, .. args]);
        var names = root.EnumerateObject().Select(property => property.Name).ToList();

        Assert.Equal(["kind", "build"], names.Take(2));
        Assert.Equal(command, root.GetProperty("kind").GetString());
        Assert.StartsWith(ResultJson.Version, root.GetProperty("build").GetString());
        if (command is not ("cells" or "check"))
        {
            Assert.Equal("configuration", names[2]);
            Assert.Equal(ResultJson.Version, root.GetProperty("configuration").GetProperty("verifiedVersion").GetString());
        }
    }

    /// <summary>What floss and spectrum do when an option is left out is what the library's option records do.</summary>
    [Fact]
    public void Floss_and_spectrum_take_their_defaults_from_the_librarys_options()
    {
        var floss = RunJson("floss", "--cell", "vanilla-tanh", "--n", "4", "--epochs", "1", "--steps", "20")
            .GetProperty("configuration").GetProperty("options").GetProperty("flossing");
        var spectrum = RunJson("spectrum", "--cell", "vanilla-tanh", "--n", "4", "--steps", "50").GetProperty("configuration").GetProperty("options");
        var (flossing, estimate) = (new FlossOptions(), new SpectrumOptions());

        Assert.Equal([flossing.K, flossing.OrthonormaliseEvery, flossing.CheckpointEvery, FlossOptions.TransientFor(20)],
            new[] { "k", "tons", "checkpointEvery", "transient" }.Select(name => floss.GetProperty(name).GetInt32()));
        Assert.Equal([flossing.Target, flossing.LearningRate], new[] { "target", "learningRate" }.Select(name => floss.GetProperty(name).GetDouble()));
        Assert.Equal(flossing.Input, Enum.Parse<InputKind>(floss.GetProperty("input").GetString()!, ignoreCase: true));
        Assert.Equal([estimate.K, estimate.Transient, estimate.QTransient, estimate.OrthonormaliseEvery],
            new[] { "k", "transient", "qTransient", "tons" }.Select(name => spectrum.GetProperty(name).GetInt32()));
        Assert.Equal(estimate.Input, Enum.Parse<InputKind>(spectrum.GetProperty("input").GetString()!, ignoreCase: true));
    }
}
