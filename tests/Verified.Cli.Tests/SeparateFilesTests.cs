using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Each file a command writes is its own: two file options naming one file, one of them an output, are refused in one line before any work.</summary>
public sealed class SeparateFilesTests
{
    [Theory]
    [InlineData("floss", "--json", "--save-params")]
    [InlineData("train", "--save-params", "--json")]
    public void Two_outputs_naming_one_file_are_refused_before_any_work(string command, string first, string second)
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "out");

        // The same file written two ways: by its path, and through the folder's "./".
        var (code, output, error) = CliRunner.Run(command, "--cell", "vanilla-tanh", "--n", "4", "--epochs", "1", first, file, second, Path.Combine(folder, ".", "out"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        // The options are named in the command's order, whatever the order they were given in.
        Assert.Equal($"error: --json and --save-params name the same file '{file}'; each output needs a file of its own", error.TrimEnd());
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void An_output_through_a_symbolic_link_to_another_is_the_same_file()
    {
        using var folder = new TemporaryFolder();
        var target = Path.Combine(folder, "target");
        File.WriteAllText(target, "kept");
        var link = Path.Combine(folder, "link");
        File.CreateSymbolicLink(link, target);

        var (code, _, error) = CliRunner.Run("floss", "--cell", "vanilla-tanh", "--n", "4", "--epochs", "1", "--json", link, "--save-params", target);

        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("name the same file", error);
        Assert.Equal("kept", File.ReadAllText(target));
    }

    [Theory]
    [InlineData("--cell-file")]
    [InlineData("--params")]
    public void An_output_over_a_file_the_command_reads_is_refused_and_the_input_kept(string input)
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "input");
        File.WriteAllText(file, "the user's file");

        var (code, output, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", input, file, "--json", file);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: --json would overwrite the file that {input} reads, '{file}'; write it to another file", error.TrimEnd());
        Assert.Equal("the user's file", File.ReadAllText(file));
    }

    [Fact]
    public void Outputs_of_their_own_are_all_written()
    {
        using var folder = new TemporaryFolder();
        var json = Path.Combine(folder, "run.json");
        var parameters = Path.Combine(folder, "run.safetensors");

        var (code, _, error) = CliRunner.Run("floss", "--cell", "vanilla-tanh", "--n", "4", "--epochs", "1", "--steps", "20", "--json", json, "--save-params", parameters);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(json));
        Assert.True(File.Exists(parameters));
    }
}
