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
            CellOptionRules.Check(result, options, CellFacts.Of(cell));
        }
        return cells;
    }

    private static IReadOnlyList<CellSpec> Find(ParseResult result, CommonOptions options)
    {
        var name = result.GetValue(options.Cell);
        var file = result.GetValue(options.CellFile);
        if (file is null)
        {
            OptionRules.RefuseGiven(result, [options.AllErrors], "lists the errors of a cell file; it needs --cell-file");
        }
        else
        {
            // A cell file declares exactly one cell (CellFileRules); --cell, if given, must name it. What the file's syntax
            // decides is checked before it is compiled, which takes seconds; the compiled cell is checked whole after.
            var declared = CellFileCompiler.Read(file.FullName, file.ToString(), result.GetValue(options.AllErrors) ? null : CellFileErrors.DefaultLimit);
            RefuseOtherName(file, declared.Outline.Name, name);
            CellOptionRules.Check(result, options, declared.Outline.Facts);
            var cell = CellFileCompiler.Compile(declared);
            RefuseOtherName(file, cell.Name, name);
            return [cell];
        }
        if (name is null)
        {
            return options.AllCellsByDefault ? BuiltInCells.All : throw new UsageException("choose a cell with --cell NAME or --cell-file PATH.cs");
        }
        return [BuiltInCells.Find(name)
            ?? throw new UsageException($"unknown cell '{name}'; the built-in cells are {string.Join(", ", BuiltInCells.All.Select(spec => spec.Name))}")];
    }

    private static void RefuseOtherName(FileInfo file, string? declared, string? named)
    {
        if (declared is not null && named is not null && declared != named)
        {
            throw new UsageException($"{file} declares the cell '{declared}', not '{named}'");
        }
    }
}
