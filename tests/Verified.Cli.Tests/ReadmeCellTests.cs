using System.Text.RegularExpressions;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Every cell the README declares compiles as a cell file and passes `check`, so that an example cannot drift from the language.</summary>
public sealed partial class ReadmeCellTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    /// <summary>The README's C# blocks that declare a cell, by the name they give it.</summary>
    public static TheoryData<string> Cells()
    {
        var data = new TheoryData<string>();
        foreach (var name in Blocks().Select(block => CellName().Match(block).Groups[1].Value))
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_cell_of_the_readme_compiles_and_its_derivatives_hold(string name)
    {
        var file = CliRunner.CellFile(_temporary.Folder(), Blocks().Single(block => CellName().Match(block).Groups[1].Value == name), name + ".cs");

        var (code, output, error) = CliRunner.Run("check", "--cell-file", file);

        Assert.True(code == 0, output + error);
    }

    [Fact]
    public void The_readme_declares_a_cell_of_fixed_sizes_and_an_ode_without_parameters()
    {
        var blocks = Blocks();

        Assert.Contains(blocks, block => block.Contains("[State(1)]", StringComparison.Ordinal));
        Assert.Contains(blocks, block => block.Contains("[TimeStep]", StringComparison.Ordinal) && !block.Contains("[Parameter", StringComparison.Ordinal));
    }

    private static List<string> Blocks() =>
        [.. Block().Matches(File.ReadAllText(Path.Combine(Repository.Root, "README.md")))
            .Select(match => match.Groups[1].Value)
            .Where(block => block.Contains("[RecurrentCell", StringComparison.Ordinal))];

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"\[RecurrentCell\(Name = ""([^""]+)""\)\]")]
    private static partial Regex CellName();
}
