using System.CommandLine;
using Spectre.Console;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;

namespace Verified.Cli.Commands;

/// <summary>`verified cells`: the built-in cells with their state size and parameters.</summary>
public static class CellsCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions(allCellsByDefault: true);
        var command = new Command("cells", "List the built-in cells (or a file's cells) with state size and parameters");
        options.AddTo(command, CommonOptions.Groups.Json);
        command.SetAction(result =>
        {
            var n = result.GetValue(options.N);
            var cells = CellSelection.Resolve(result, options);
            var rows = cells.Select(spec =>
            {
                var layout = spec.Layout(CellDimensions.Of(n));
                return new CellDescription(spec.Name, layout.StateSize, layout.InputSize, layout.ParameterCount,
                    layout.Parameters.Select(p => new ParameterDescription(p.Name, p.Rows, p.Columns, p.Offset, p.Spec.Init.Kind.ToString())).ToList());
            }).ToList();
            var console = Terminal.Create(output);
            var table = new Table().AddColumns("cell", "state size", "input size", "parameters", "layout");
            foreach (var row in rows)
            {
                table.AddRow(row.Name, row.StateSize.ToString(), row.InputSize.ToString(), row.ParameterCount.ToString(),
                    Markup.Escape(string.Join(" ", row.Parameters.Select(p => $"{p.Name}[{p.Rows}×{p.Columns}]"))));
            }
            console.Write(table);
            JsonOutput.Write(result.GetValue(options.Json), new CellsFile(n, rows));
            return ExitCodes.Success;
        });
        return command;
    }

    public sealed record ParameterDescription(string Name, int Rows, int Columns, int Offset, string Init);

    public sealed record CellDescription(string Name, int StateSize, int InputSize, int ParameterCount, IReadOnlyList<ParameterDescription> Parameters);
}
