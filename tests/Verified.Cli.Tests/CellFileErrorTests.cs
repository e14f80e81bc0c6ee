using Xunit;

namespace Verified.Cli.Tests;

/// <summary>A cell file that does not compile is one line for every command: its first error at path:line:column, and how many more there are.</summary>
public sealed class CellFileErrorTests
{
    private const string Head = "using Verified;\n[RecurrentCell]\npublic partial class Bad\n{\n    [State(\"N\")] public Vec h;\n";

    [Theory]
    [InlineData("check")]
    [InlineData("spectrum")]
    [InlineData("floss")]
    [InlineData("condition")]
    [InlineData("train")]
    public void Many_errors_are_one_line_naming_the_first_and_counting_the_rest(string command)
    {
        // Each unknown name is two errors: the generator's VRF0003 and the compiler's CS0103.
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, Head + "    [Update(nameof(h))] public Vec hNext => h + one + two + three;\n}\n", "bad.cs");

        var (code, output, error) = CliRunner.Run(command, "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: {file}:6:49: VRF0003: 'one' ", line);
        Assert.EndsWith("(and 5 more errors)", line);
    }

    [Fact]
    public void A_compiler_error_deep_in_the_file_is_reported_at_its_place()
    {
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, Head + "    [Update(nameof(h))] public Vec hNext => h + ;\n}\n", "bad.cs");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Equal($"error: {file}:6:49: CS1525: Invalid expression term ';'", error.TrimEnd());
    }

    [Fact]
    public void A_file_missing_the_verified_namespace_is_one_line_however_many_errors_follow()
    {
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, "namespace Mine;\n[RecurrentCell]\npublic partial class Bad\n{\n    [State(\"N\")] public Vec h;\n    [Parameter(\"N\", \"N\")] public Mat W;\n    [Update(nameof(h))] public Vec hNext => W * h;\n}\n", "bad.cs");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell-file", file);

        Assert.Equal(2, code);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Matches($@"^error: {System.Text.RegularExpressions.Regex.Escape(file)}:2:2: CS0246: .*RecurrentCell.* \(and \d+ more errors\)$", line);
    }
}
