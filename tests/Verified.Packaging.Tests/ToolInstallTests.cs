using Xunit;

namespace Verified.Packaging.Tests;

/// <summary>
/// The verified command installed from the feed with dotnet tool install into a tool path of its
/// own, run as a user runs it: it lists the built-in cells and compiles a cell file with the
/// generator it ships.
/// </summary>
[Collection(nameof(PackedFeedCollection))]
public sealed class ToolInstallTests(PackedFeed feed)
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_installed_tool_lists_the_built_in_cells()
    {
        var cells = Verified("cells").Succeeded();

        Assert.Contains("vanilla-tanh", cells.Output);
        Assert.Contains("lstm", cells.Output);
    }

    [Fact]
    public void The_installed_tool_checks_a_cell_file_compiled_with_the_generator_it_ships()
    {
        var check = Verified("check", "--cell-file", CellFile("Gated.cs", SampleCells.Gated)).Succeeded();

        Assert.Contains(SampleCells.GatedName, check.Output);
        Assert.Matches("all [1-9][0-9]* checks passed", check.Output);
    }

    private ProcessResult Verified(params string[] arguments)
    {
        var (folder, command) = Tool;
        return DotnetProcess.Run(command, folder, CommandLimit, feed.Environment, arguments);
    }

    private string CellFile(string name, string source)
    {
        var path = Path.Combine(Tool.Folder, name);
        File.WriteAllText(path, source);
        return path;
    }

    // One installation for the tests of this class (the collection runs them one after another).
    private static readonly Lock Gate = new();
    private static (string Folder, string Command)? installed;

    private (string Folder, string Command) Tool
    {
        get
        {
            lock (Gate)
            {
                return installed ??= Install(feed);
            }
        }
    }

    private static (string Folder, string Command) Install(PackedFeed feed)
    {
        var folder = feed.OfflineFolder("tool");
        var toolPath = Path.Combine(folder, "tools");
        DotnetProcess.Dotnet(folder, CommandLimit, feed.Environment,
            "tool", "install", "--tool-path", toolPath, "--add-source", feed.Folder, "Verified.Cli", "--version", PackedFeed.Version).Succeeded();
        var command = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "verified.exe" : "verified");
        Assert.True(File.Exists(command), $"dotnet tool install left no {command}");
        return (folder, command);
    }
}
