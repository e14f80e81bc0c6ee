using System.CommandLine;
using Verified.Cli.CellFiles;

namespace Verified.Cli.Commands;

/// <summary>Finds the cells a command runs on: --cell NAME, --cell-file PATH, or both to pick one cell of a file.</summary>
public static class CellSelection
{
    public static IReadOnlyList<CellSpec> Resolve(ParseResult result, CommonOptions options, bool allWhenNone)
    {
        var name = result.GetValue(options.Cell);
        var file = result.GetValue(options.CellFile);
        if (file is not null)
        {
            var cells = CellFileCompiler.Compile(file.FullName, file.ToString());
            if (name is null)
            {
                return cells.Count == 1 ? cells
                    : throw new UsageException($"{file} declares {cells.Count} cells ({string.Join(", ", cells.Select(cell => cell.Name))}); choose one with --cell");
            }
            return [cells.FirstOrDefault(cell => cell.Name == name)
                ?? throw new UsageException($"{file} declares no cell named '{name}' (it has {string.Join(", ", cells.Select(cell => cell.Name))})")];
        }
        if (name is null)
        {
            return allWhenNone ? BuiltInCells.All : throw new UsageException("choose a cell with --cell NAME or --cell-file PATH.cs");
        }
        return [BuiltInCells.Find(name)
            ?? throw new UsageException($"unknown cell '{name}'; the built-in cells are {string.Join(", ", BuiltInCells.All.Select(spec => spec.Name))}")];
    }
}
