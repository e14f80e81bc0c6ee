using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// A cell file that does not compile is refused with its errors, one line each, for every command:
/// the generator's first, root causes before what follows from them, then the compiler's own, at
/// most ten and how many more unless --all-errors.
/// </summary>
public sealed class CellFileErrorTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    private const string Head = "using Verified;\n[RecurrentCell]\npublic partial class Bad\n{\n    [State(\"N\")] public Vec h;\n";

    private static string[] Lines(string error) => error.TrimEnd().Split('\n');

    [Theory]
    [InlineData("check")]
    [InlineData("spectrum")]
    [InlineData("floss")]
    [InlineData("condition")]
    [InlineData("train")]
    public void Every_error_is_a_line_of_its_own_up_to_ten_and_the_rest_counted(string command)
    {
        // Twelve unknown names: the generator's VRF0003 each, and the compiler's CS0103 at the same token, which says the same.
        var names = Enumerable.Range(1, 12).Select(i => "a" + i).ToList();
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, Head + $"    [Update(nameof(h))] public Vec hNext => h + {string.Join(" + ", names)};\n}}\n", "bad.cs");

        var (code, output, error) = CliRunner.Run(command, "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = Lines(error);
        Assert.Equal(11, lines.Length);
        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith($"error: {file}:6:{49 + 5 * i}: VRF0003: '{names[i]}' ", lines[i]);
        }
        Assert.Equal("error: 2 more errors (12 in all; --all-errors lists every one)", lines[10]);
    }

    [Fact]
    public void All_errors_lists_every_one()
    {
        var names = Enumerable.Range(1, 12).Select(i => "a" + i).ToList();
        var file = CliRunner.CellFile(_temporary.Folder(), Head + $"    [Update(nameof(h))] public Vec hNext => h + {string.Join(" + ", names)};\n}}\n", "bad.cs");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell-file", file, "--all-errors");

        Assert.Equal(2, code);
        Assert.Equal(names.Select(name => $"'{name}'"), Lines(error).Select(line => line.Split(": VRF0003: ")[1].Split(' ')[0]));
    }

    [Fact]
    public void A_size_given_as_text_is_named_as_the_cause_and_nothing_that_follows_from_it_is()
    {
        var file = CliRunner.CellFile(_temporary.Folder(), """
            using Verified;
            [RecurrentCell(Name = "lorenz")]
            public partial class Lorenz63
            {
                [State("1")] public Vec x;
                [State("1")] public Vec y;
                [Update(nameof(x))] public Vec xNext => x + 0.1 * (y - x);
                [Update(nameof(y))] public Vec yNext => y - 0.1 * x;
            }
            """, "lorenz.cs");

        var (code, _, error) = CliRunner.Run("check", "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Equal([$"error: {file}:5:12: VRF0009", $"error: {file}:6:12: VRF0009"], Lines(error).Select(line => line[..line.IndexOf(": Bad", StringComparison.Ordinal)]));
        Assert.Contains("or an integer from 1 to 32,768, not \"1\"", error);
    }

    [Fact]
    public void Errors_about_a_declaration_come_before_those_about_its_uses_and_the_compilers_come_last()
    {
        // In file order: a compiler error (line 5), an unknown name (line 7), a member of the wrong type (line 8).
        var file = CliRunner.CellFile(_temporary.Folder(), """
            using Verified;
            [RecurrentCell]
            public partial class Bad
            {
                [State(M)] public Vec c;
                [State("N")] public Vec h;
                [Update(nameof(h))] public Vec hNext => h + missing;
                [Input("I")] public Mat x;
                [Update(nameof(c))] public Vec cNext => c;
            }
            """, "bad.cs");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Equal([$"error: {file}:8:25: VRF0012", $"error: {file}:7:49: VRF0003", $"error: {file}:5:12: CS0103"],
            Lines(error).Select(line => line[..(line.IndexOf(": VRF", StringComparison.Ordinal) is >= 0 and var at ? at + 9 : line.IndexOf(": CS", StringComparison.Ordinal) + 8)]));
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
    public void A_file_missing_the_verified_namespace_starts_with_its_first_error_however_many_follow()
    {
        using var folder = new TemporaryFolder();
        var file = CliRunner.CellFile(folder, "namespace Mine;\n[RecurrentCell]\npublic partial class Bad\n{\n    [State(\"N\")] public Vec h;\n    [Parameter(\"N\", \"N\")] public Mat W;\n    [Update(nameof(h))] public Vec hNext => W * h;\n}\n", "bad.cs");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell-file", file);

        Assert.Equal(2, code);
        var lines = Lines(error);
        Assert.InRange(lines.Length, 2, 11);
        Assert.Matches($@"^error: {System.Text.RegularExpressions.Regex.Escape(file)}:2:2: CS0246: .*RecurrentCell", lines[0]);
        Assert.All(lines, line => Assert.StartsWith("error: ", line));
    }
}
