using System.CommandLine;
using Verified.Cli.CellFiles;

namespace Verified.Cli.Commands;

/// <summary>Finds the cells a command runs on: --cell NAME, --cell-file PATH, or both to pick one cell of a file; and checks the options that depend on the cell.</summary>
public static class CellSelection
{
    public static IReadOnlyList<CellSpec> Resolve(ParseResult result, CommonOptions options)
    {
        var cells = Find(result, options);
        foreach (var cell in cells)
        {
            CellOptionRules.Check(result, options, cell);
        }
        return cells;
    }

    private static IReadOnlyList<CellSpec> Find(ParseResult result, CommonOptions options)
    {
        var name = result.GetValue(options.Cell);
        var file = result.GetValue(options.CellFile);
        if (file is not null)
        {
            // A cell file declares exactly one cell (CellFileRules); --cell, if given, must name it.
            var cell = CellFileCompiler.Compile(file.FullName, file.ToString()).Single();
            return name is null || cell.Name == name ? [cell]
                : throw new UsageException($"{file} declares the cell '{cell.Name}', not '{name}'");
        }
        if (name is null)
        {
            return options.AllCellsByDefault ? BuiltInCells.All : throw new UsageException("choose a cell with --cell NAME or --cell-file PATH.cs");
        }
        return [BuiltInCells.Find(name)
            ?? throw new UsageException($"unknown cell '{name}'; the built-in cells are {string.Join(", ", BuiltInCells.All.Select(spec => spec.Name))}")];
    }
}
