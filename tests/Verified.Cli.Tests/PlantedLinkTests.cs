using Xunit;

namespace Verified.Cli.Tests;

/// <summary>A folder the tool creates inside --out, planted beforehand as a symbolic link to a folder elsewhere, is refused in one line, and nothing outside --out changes.</summary>
public sealed class PlantedLinkTests
{
    [Theory]
    [InlineData("runs", "sweep")]
    [InlineData("grids", "sweep")]
    [InlineData("units", "reproduce", "fig6")]
    [InlineData("parts", "validate", "--parts", "derivatives")]
    public void A_folder_planted_as_a_link_inside_the_output_folder_is_refused_and_nothing_outside_changes(string planted, params string[] command)
    {
        using var folder = new TemporaryFolder();
        using var outside = new TemporaryFolder();
        Directory.CreateSymbolicLink(Path.Combine(folder, planted), outside);
        string[] args = command[0] == "sweep"
            ? [.. command, "--cell", "vanilla-tanh", "--n", "4", "--task", "copy", "--delays", "2", "--schedules", "none", "--seeds", "1", "--steps", "10", "--epochs", "2", "--out", folder]
            : [.. command, "--out", folder];

        var (code, output, error) = CliRunner.Run(args);

        Assert.True(code == 2, output + error);
        Assert.Contains($"{planted}' is a symbolic link", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }
}
