using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Verified.Storage;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Networks as safetensors files through the commands: --save-params, --params, --initial-state, and every way a file can be wrong.</summary>
public sealed class ParameterFileCommandTests
{
    private static double[] Exponents(string json) =>
        [.. JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble())];

    [Fact]
    public void Flossed_parameters_saved_by_floss_give_the_flossed_exponents_in_spectrum()
    {
        using var folder = new TemporaryFolder();
        var (file, flossJson) = (Path.Combine(folder, "flossed.safetensors"), Path.Combine(folder, "floss.json"));
        var (flossed, unflossed) = (Path.Combine(folder, "flossed.json"), Path.Combine(folder, "unflossed.json"));

        var floss = CliRunner.Run("floss", "--cell", "vanilla-tanh", "--n", "16", "--k", "4", "--epochs", "150", "--target", "0", "--lr", "3e-3",
            "--input", "none", "--save-params", file, "--json", flossJson);
        var spectrum = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--params", file, "--k", "4", "--steps", "3000", "--json", flossed);
        var before = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "16", "--k", "4", "--steps", "3000", "--json", unflossed);

        Assert.True(floss.ExitCode == 0 && spectrum.ExitCode == 0 && before.ExitCode == 0, floss.Error + spectrum.Error + before.Error);
        Assert.Contains("n = 16", spectrum.Output);
        var last = JsonDocument.Parse(File.ReadAllText(flossJson)).RootElement.GetProperty("history").EnumerateArray().Last()
            .GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble()).OrderDescending().ToArray();
        var after = Exponents(flossed).OrderDescending().ToArray();
        var original = Exponents(unflossed);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(after[i] - last[i]) < 0.01, $"λ{i + 1}: {after[i]} from the saved file, {last[i]} at the end of flossing");
        }
        Assert.True(after.Sum(l => l * l) * 100 < original.Sum(l => l * l), $"flossed {string.Join(", ", after)}; unflossed {string.Join(", ", original)}");
    }

    [Fact]
    public void A_trained_network_saved_and_loaded_with_no_epochs_gives_the_same_test_loss()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "trained.safetensors");
        string[] task = ["--cell", "vanilla-tanh", "--task", "xor", "--delay", "4", "--steps", "30", "--batch", "4"];

        var trained = CliRunner.Run(["train", .. task, "--n", "8", "--epochs", "20", "--eval-every", "5", "--save-params", file, "--json", Path.Combine(folder, "a.json")]);
        var loaded = CliRunner.Run(["train", .. task, "--params", file, "--epochs", "0", "--json", Path.Combine(folder, "b.json")]);
        var fresh = CliRunner.Run(["train", .. task, "--n", "8", "--epochs", "0", "--json", Path.Combine(folder, "c.json")]);

        Assert.True(trained.ExitCode == 0 && loaded.ExitCode == 0 && fresh.ExitCode == 0, trained.Error + loaded.Error + fresh.Error);
        double Final(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name))).RootElement.GetProperty("final").GetProperty("testLoss").GetDouble();
        Assert.Equal(Final("a.json"), Final("b.json"));
        Assert.NotEqual(Final("a.json"), Final("c.json"));
        var (tensors, _) = SafeTensors.Read(file);
        Assert.Equal([1, 8], tensors[ParameterFile.ReadoutWeight].Shape);
        Assert.Equal([8], tensors[ParameterFile.InitialState].Shape);
        Assert.Contains("no training epochs", loaded.Output);
        // The run from a file is not the run its options name: its progress names the file, not the initialiser's id.
        Assert.Contains("training from trained.safetensors", loaded.Output);
        Assert.DoesNotContain("training xor-d4", loaded.Output);
    }

    [Fact]
    public void A_saved_network_whose_input_size_is_not_the_task_s_is_refused_before_training()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "xor.safetensors");
        string[] small = ["--cell", "vanilla-tanh", "--delay", "4", "--steps", "30", "--batch", "4"];
        Assert.Equal(0, CliRunner.Run(["train", .. small, "--task", "xor", "--n", "8", "--epochs", "2", "--save-params", file]).ExitCode);

        var (code, output, error) = CliRunner.Run(["train", .. small, "--task", "spatial-xor", "--params", file, "--epochs", "0"]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: the network in '{file}' takes 1 input(s) per step, but the spatial-xor task gives 3", error.Trim());
    }

    [Theory]
    [InlineData("--g", "2")]
    [InlineData("--init", "orthogonal")]
    public void Training_from_a_file_refuses_options_of_the_initialiser_s_draw_as_every_command_does(params string[] drawn)
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "trained.safetensors");
        string[] small = ["--cell", "vanilla-tanh", "--task", "copy", "--delay", "3", "--steps", "20", "--batch", "4"];
        Assert.Equal(0, CliRunner.Run(["train", .. small, "--n", "8", "--epochs", "2", "--save-params", file]).ExitCode);

        var (code, output, error) = CliRunner.Run(["train", .. small, "--params", file, "--epochs", "0", "--json", Path.Combine(folder, "b.json"), .. drawn]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: {drawn[0]} shapes the initialiser's draw; --params loads the parameters from a file instead", error.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "b.json")));
    }

    [Fact]
    public void An_initial_state_from_a_file_starts_the_trajectory_and_must_have_the_state_s_size()
    {
        using var folder = new TemporaryFolder();
        var (good, wrong) = (Path.Combine(folder, "h0.safetensors"), Path.Combine(folder, "h0-short.safetensors"));
        SafeTensors.Write(good, [new SafeTensor(ParameterFile.InitialState, "F64", [6], [3, -3, 3, -3, 3, -3])], new Dictionary<string, string>());
        SafeTensors.Write(wrong, [new SafeTensor(ParameterFile.InitialState, "F64", [5], [1, 2, 3, 4, 5])], new Dictionary<string, string>());
        string[] spectrum = ["spectrum", "--cell", "vanilla-tanh", "--n", "6", "--g", "2.5", "--k", "2", "--steps", "40", "--transient", "0"];

        var from = CliRunner.Run([.. spectrum, "--initial-state", good, "--json", Path.Combine(folder, "a.json")]);
        var drawn = CliRunner.Run([.. spectrum, "--json", Path.Combine(folder, "b.json")]);
        var refused = CliRunner.Run([.. spectrum, "--initial-state", wrong]);

        Assert.Equal([0, 0], new[] { from.ExitCode, drawn.ExitCode });
        Assert.NotEqual(Exponents(Path.Combine(folder, "a.json")), Exponents(Path.Combine(folder, "b.json")));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("tensor 'h0' has shape [5], but the initial state of a state of size 6 has shape [6]", refused.Error);
    }

    /// <summary>A run from --params is not the initialiser's draw: its configuration names the file and has no gain.</summary>
    [Theory]
    [InlineData("spectrum", "--steps", "20", "--transient", "0")]
    [InlineData("floss", "--epochs", "1", "--steps", "20")]
    [InlineData("condition", "--m", "2", "--horizon", "5", "--every", "5")]
    public void A_run_from_a_parameter_file_records_the_file_and_no_gain(string command, params string[] options)
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "network.safetensors");
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(4));
        ParameterFile.Save(file, layout, Enumerable.Range(0, layout.ParameterCount).Select(i => 0.3 * Math.Cos(i)).ToArray());
        var (fromFile, drawn) = (Path.Combine(folder, "file.json"), Path.Combine(folder, "drawn.json"));

        var loaded = CliRunner.Run([command, "--cell", "vanilla-tanh", "--params", file, .. options, "--json", fromFile]);
        var initialised = CliRunner.Run([command, "--cell", "vanilla-tanh", "--n", "4", .. options, "--json", drawn]);

        Assert.True(loaded.ExitCode == 0 && initialised.ExitCode == 0, loaded.Error + initialised.Error);
        JsonElement Configuration(string json) => JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("configuration");
        Assert.Equal(JsonValueKind.Null, Configuration(fromFile).GetProperty("gain").ValueKind);
        Assert.Equal(file, Configuration(fromFile).GetProperty("startedFrom").GetProperty("parameters").GetString());
        Assert.Equal(1.0, Configuration(drawn).GetProperty("gain").GetDouble());
        Assert.Equal(JsonValueKind.Null, Configuration(drawn).GetProperty("startedFrom").GetProperty("parameters").ValueKind);
    }

    [Fact]
    public void Check_verifies_every_derivative_at_the_parameters_of_a_file()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "gru.safetensors");
        var layout = BuiltInCells.Find("gru")!.Layout(CellDimensions.Of(7, 2));
        ParameterFile.Save(file, layout, Enumerable.Range(0, layout.ParameterCount).Select(i => Math.Cos(i)).ToArray());

        var (code, output, error) = CliRunner.Run("check", "--cell", "gru", "--params", file);
        var all = CliRunner.Run("check", "--params", file);

        Assert.True(code == 0, output + error);
        Assert.Contains("checks passed", output);
        Assert.Equal(2, all.ExitCode);
        Assert.Contains("--params checks one cell", all.Error);
    }

    public static TheoryData<string, string> Mismatches => new()
    {
        { "missing tensor", "has no tensor 'W'" },
        { "unknown tensor", "holds tensor 'U', which cell vanilla-tanh does not have" },
        { "shape", "tensor 'b' has shape [7, 1], but parameter b of cell vanilla-tanh at I=1, N=7 has shape [7]" },
        { "sizes disagree", "gives dimension N = 7 through tensor 'W' but 6 through tensor 'b'" },
        { "dtype", "tensor 'W' is I64; Verified reads and writes F64 and F32" },
        { "truncated", "outside the" },
        { "header larger than the file", "declares a header of" },
        { "non-finite", "tensor 'b' holds a non-finite value (Infinity" },
        { "n disagrees", "--n 9 disagrees with the parameter file" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void A_file_that_does_not_fit_is_refused_with_exit_2_and_one_line_naming_the_tensor(string mismatch, string expected)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder, "net.safetensors");
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(7, 1));
        var tensors = layout.Parameters.Select(p => new SafeTensor(p.Name, "F64", ParameterFile.ShapeOf(p), [.. Enumerable.Repeat(0.1, p.Length)])).ToList();
        SafeTensors.Write(path, mismatch switch
        {
            "missing tensor" => [.. tensors.Where(t => t.Name != "W")],
            "unknown tensor" => [.. tensors, new SafeTensor("U", "F64", [1], [0])],
            "shape" => [.. tensors.Select(t => t.Name == "b" ? t with { Shape = [7, 1] } : t)],
            "sizes disagree" => [.. tensors.Select(t => t.Name == "b" ? t with { Shape = [6], Values = new double[6] } : t)],
            "non-finite" => [.. tensors.Select(t => t.Name == "b" ? t with { Values = [double.PositiveInfinity, .. t.Values[1..]] } : t)],
            _ => tensors,
        }, new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (mismatch == "dtype")
        {
            var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
            var first = header.IndexOf("\"W\":", StringComparison.Ordinal);
            var text = header[..first] + header[first..].Replace("\"F64\"", "\"I64\"").Replace("  ", "") ;
            File.WriteAllBytes(path, [.. bytes[..8], .. Encoding.UTF8.GetBytes(text.PadRight(headerLength)[..headerLength]), .. bytes[(8 + headerLength)..]]);
        }
        if (mismatch == "truncated")
        {
            File.WriteAllBytes(path, bytes[..^3]);
        }
        if (mismatch == "header larger than the file")
        {
            File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)bytes.Length * 2), .. bytes[8..]]);
        }
        string[] extra = mismatch == "n disagrees" ? ["--n", "9"] : [];

        var (code, output, error) = CliRunner.Run(["spectrum", "--cell", "vanilla-tanh", "--params", path, "--steps", "10", .. extra]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error);
    }
}
