using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// What a cell file's syntax alone decides (its name, input, sizes and gain) refuses an option before the file is
/// compiled: each file below also holds an error only the compiler finds, so a refusal that names the option, not
/// that error, came first.
/// </summary>
public sealed class CellFileOutlineTests
{
    private const string Uncompilable = "    [Update(nameof(h))] public Vec hNext => Tanh(W * h) + missing;\n}\n";

    private static string Cell(string name, string members) =>
        "using Verified;\nusing static Verified.CellMath;\n[RecurrentCell(Name = \"" + name + "\")]\npublic partial class Mine\n{\n" + members + Uncompilable;

    private const string Recurrent = "    [State(\"N\")] public Vec h;\n    [Parameter(\"N\", \"N\")] public Mat W;\n";
    private const string Fixed = "    [State(4)] public Vec h;\n    [Parameter(4, 4, Init = Init.Gaussian)] public Mat W;\n";

    [Theory]
    [InlineData("mine", Recurrent, "--input feeds an input, but cell mine has none", "spectrum", "--input", "gaussian")]
    [InlineData("mine", Fixed, "--n has nothing to size: every size of cell mine is fixed", "spectrum", "--n", "5")]
    [InlineData("mine", Fixed, "--g has nothing to scale: cell mine has no recurrent Gaussian, orthogonal or hidden-uniform parameter", "spectrum", "--g", "2")]
    [InlineData("mine", Recurrent, "declares the cell 'mine', not 'other'", "spectrum", "--cell", "other")]
    [InlineData("mine", Recurrent, "--cell-file names a cell file, but sweeps run built-in cells", "sweep", "--out", "/tmp/verified-never-written")]
    [InlineData("vanilla-tanh", Recurrent, "cell.cs:3:23: the cell is named 'vanilla-tanh', the name of a built-in cell", "cells")]
    [InlineData("lstm", Recurrent, "the cell is named 'lstm', the name of a built-in cell", "check")]
    [InlineData("vanilla-tanh", Recurrent, "the cell is named 'vanilla-tanh', the name of a built-in cell", "train", "--task", "copy")]
    public void What_the_syntax_decides_is_refused_before_the_file_is_compiled(string name, string members, string expected, string command, params string[] options)
    {
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, Cell(name, members));

        var (code, output, error) = CliRunner.Run([command, "--cell-file", file, .. options]);

        Assert.True(code == 2, output + error);
        Assert.Contains(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists("/tmp/verified-never-written"));
    }

    [Fact]
    public void A_cell_without_input_trained_on_a_task_is_refused_naming_the_cell_not_a_file()
    {
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, "using Verified;\nusing static Verified.CellMath;\n[RecurrentCell(Name = \"autonomous\")]\npublic partial class Autonomous\n{\n" +
            Recurrent + "    [Update(nameof(h))] public Vec hNext => Tanh(W * h);\n}\n");

        var (code, _, error) = CliRunner.Run("train", "--cell-file", file, "--n", "4", "--task", "copy", "--delay", "3", "--steps", "20", "--epochs", "2");

        Assert.Equal(2, code);
        Assert.Equal("error: cell autonomous takes 0 input(s) per step, but the copy task gives 1", error.Trim());
    }
}
