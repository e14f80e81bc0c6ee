using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>PyTorch's cells through the commands: listed, checked, and a state_dict saved by torch validated with --params.</summary>
public sealed class TorchCellCommandTests
{
    private static string StateDict(string cell) => Path.Combine(AppContext.BaseDirectory, "Torch", cell + ".safetensors");

    [Fact]
    public void Cells_lists_the_torch_cells_with_their_stacked_parameters()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "cells.json");

        var (code, output, _) = CliRunner.Run("cells", "--n", "10", "--json", json);

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        foreach (var (cell, gates, stateSize) in new[] { ("torch-rnn", 1, 10), ("torch-lstm", 4, 20), ("torch-gru", 3, 10) })
        {
            Assert.Contains(cell, output);
            var listed = document.RootElement.GetProperty("cells").EnumerateArray().Single(entry => entry.GetProperty("name").GetString() == cell);
            Assert.Equal(stateSize, listed.GetProperty("stateSize").GetInt32());
            var parameters = listed.GetProperty("parameters").EnumerateArray()
                .Select(parameter => (parameter.GetProperty("name").GetString(), parameter.GetProperty("rows").GetInt32(), parameter.GetProperty("columns").GetInt32()));
            Assert.Equal([("weight_ih_l0", gates * 10, 1), ("weight_hh_l0", gates * 10, 10), ("bias_ih_l0", gates * 10, 1), ("bias_hh_l0", gates * 10, 1)], parameters);
        }
    }

    [Fact]
    public void Check_of_torch_lstm_passes_every_derivative_check()
    {
        var (code, output, error) = CliRunner.Run("check", "--cell", "torch-lstm");

        Assert.True(code == 0, output + error);
        Assert.Contains("all 16 checks passed", output);
    }

    [Theory]
    [InlineData("torch-lstm", 10)]
    [InlineData("torch-gru", 5)]
    public void A_torch_state_dict_is_validated_with_params_at_its_own_sizes(string cell, int stateSize)
    {
        using var folder = new TemporaryFolder();

        var spectrum = CliRunner.Run("spectrum", "--cell", cell, "--params", StateDict(cell), "--k", "3", "--steps", "200", "--json", Path.Combine(folder, "spectrum.json"));
        var check = CliRunner.Run("check", "--cell", cell, "--params", StateDict(cell));

        Assert.True(spectrum.ExitCode == 0 && check.ExitCode == 0, spectrum.Error + check.Output + check.Error);
        Assert.Contains($"{cell}, n = {stateSize},", spectrum.Output);
        Assert.Contains("checks passed", check.Output);
    }

    /// <summary>HiddenUniform draws U(−g/√N, g/√N): --g scales the torch cells, so it changes their exponents and is recorded.</summary>
    [Theory]
    [InlineData("torch-rnn")]
    [InlineData("torch-gru")]
    [InlineData("torch-lstm")]
    public void The_gain_scales_the_torch_cells_initialisation(string cell)
    {
        using var folder = new TemporaryFolder();
        string[] Args(string g) => ["spectrum", "--cell", cell, "--n", "6", "--g", g, "--k", "1", "--steps", "100", "--transient", "10", "--json", Path.Combine(folder, g + ".json")];

        var (lowCode, _, lowError) = CliRunner.Run(Args("0.5"));
        var (highCode, _, highError) = CliRunner.Run(Args("3"));

        Assert.True(lowCode == 0 && highCode == 0, lowError + highError);
        using var low = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "0.5.json")));
        using var high = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "3.json")));
        Assert.Equal(3.0, high.RootElement.GetProperty("configuration").GetProperty("gain").GetDouble());
        Assert.NotEqual(low.RootElement.GetProperty("exponents")[0].GetDouble(), high.RootElement.GetProperty("exponents")[0].GetDouble());
    }

    /// <summary>--init replaces recurrent Gaussian matrices only; the torch cells have none, so it would change nothing but the run's id.</summary>
    [Theory]
    [InlineData("train", "torch-rnn", "orthogonal")]
    [InlineData("train", "torch-lstm", "gaussian")]
    [InlineData("sweep", "torch-gru", "orthogonal")]
    public void Init_is_refused_for_the_torch_cells(string command, string cell, string init)
    {
        using var temporary = new TemporaryFolder();
        var folder = Path.Combine(temporary, "out");
        string[] args = [command, "--cell", cell, "--init", init, "--epochs", "1", .. command == "sweep" ? ["--out", folder] : Array.Empty<string>()];

        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--init", error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_state_dict_of_another_torch_module_is_refused_naming_the_tensor()
    {
        // The LSTM's weight_hh_l0 has 4N rows: as a GRU's (3N) it is not a multiple of 3 at N = 5.
        var (code, output, error) = CliRunner.Run("spectrum", "--cell", "torch-gru", "--params", StateDict("torch-lstm"), "--steps", "10");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("'weight_", error);
    }

    [Fact]
    public void A_cell_file_with_stacked_sizes_and_blocks_is_compiled_and_checked()
    {
        using var temporary = new TemporaryFolder();
        var file = Path.Combine(temporary, "gated.cs");
        File.WriteAllText(file, """
            using Verified;
            using static Verified.CellMath;
            [RecurrentCell(Name = "stacked")]
            public partial class Stacked
            {
                public const int Gates = 2;
                [State("N")] public Vec h;
                [Input("I")] public Vec x;
                [Parameter("2*N", "N")] public Mat W;
                [Parameter("2*N", "I")] public Mat V;
                public Vec both => W * h + V * x;
                [Update(nameof(h))] public Vec hNext => Sigmoid(Block(both, 0, Gates)) * Tanh(Block(both, 1, Gates));
            }
            """);

        var (code, output, error) = CliRunner.Run("check", "--cell-file", file);

        Assert.True(code == 0, output + error);
        Assert.Contains("all 16 checks passed", output);
    }
}
