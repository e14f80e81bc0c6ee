using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void Check_of_a_built_in_cell_writes_the_contract_json()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "check.json");

        var (code, output, _) = CliRunner.Run("check", "--cell", "gru", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("all 16 checks passed", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(document.RootElement.GetProperty("passed").GetBoolean());
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(16, checks.Count);
        Assert.All(checks, check =>
        {
            Assert.StartsWith("gru/", check.GetProperty("name").GetString());
            Assert.True(check.GetProperty("maxRelError").GetDouble() <= 1e-2);
            Assert.True(check.GetProperty("passed").GetBoolean());
        });
    }

    [Fact]
    public void Check_of_a_cell_file_compiles_it_with_the_generator()
    {
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, """
            using Verified;
            using static Verified.CellMath;
            [RecurrentCell(Name = "mine")]
            public partial class Mine
            {
                [State("N")] public Vec h;
                [Parameter("N", "N")] public Mat W;
                [Update(nameof(h))] public Vec hNext => Sigmoid(W * h) * h;
            }
            """);

        var (code, output, error) = CliRunner.Run("check", "--cell-file", file);

        Assert.True(code == 0, error);
        Assert.Contains("mine", output);
    }

    [Fact]
    public void A_check_that_cannot_pass_exits_with_one()
    {
        // Float kernels cannot meet a double tolerance of 1e-30 against finite differences.
        var (code, output, _) = CliRunner.Run("check", "--cell", "vanilla-tanh", "--tolerance", "1e-30");

        Assert.Equal(1, code);
        Assert.Contains("FAIL", output);
    }

    [Fact]
    public void Cell_file_diagnostics_are_printed_with_path_line_and_column()
    {
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, "using Verified;\n[RecurrentCell]\npublic partial class Bad\n{\n    [State(\"N\")] public Vec h;\n    [Update(nameof(h))] public Vec hNext => h + nope;\n}\n", "bad.cs");

        var (code, _, error) = CliRunner.Run("check", "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Contains("bad.cs:6:49: VRF0003:", error);
    }

    [Theory]
    [InlineData("check", "--cell", "no-such-cell")]
    [InlineData("check", "--cell-file", "/no/such/file.cs")]
    [InlineData("check", "--n", "-4")]
    [InlineData("check", "--n", "four")]
    [InlineData("check", "--precision", "half")]
    [InlineData("cells", "--n", "0")]
    [InlineData("frobnicate")]
    public void Bad_input_gives_one_line_and_exit_code_two(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error:", error);
    }

    [Fact]
    public void Unwritable_json_folder_gives_exit_code_two_and_no_file()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "missing-folder", "out.json");

        var (code, _, error) = CliRunner.Run("check", "--cell", "linear", "--json", json);

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void Cells_lists_every_built_in_cell_with_its_state_size()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "cells.json");

        var (code, output, _) = CliRunner.Run("cells", "--n", "10", "--json", json);

        Assert.Equal(0, code);
        foreach (var name in new[] { "vanilla-tanh", "vanilla-relu", "linear", "lstm", "gru", "rate" })
        {
            Assert.Contains(name, output);
        }
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var lstm = document.RootElement.GetProperty("cells").EnumerateArray().Single(cell => cell.GetProperty("name").GetString() == "lstm");
        Assert.Equal(20, lstm.GetProperty("stateSize").GetInt32());
    }
}
