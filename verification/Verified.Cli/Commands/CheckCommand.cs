using System.CommandLine;
using Spectre.Console;
using Verified.Checks;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Storage;

namespace Verified.Cli.Commands;

/// <summary>`verified check`: every generated derivative of a cell (all built-in cells by default).</summary>
public static class CheckCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions(defaultN: 5, "Hidden size N (default 5, not 80: the checks form dense n×n and n×P Jacobians by finite differences, a cost that grows as n⁴)", allCellsByDefault: true);
        var tolerance = new Option<double>("--tolerance") { Description = "Relative tolerance of the double checks", DefaultValueFactory = _ => 1e-7 }.FinitePositive();
        var command = new Command("check", "Check every generated kernel against finite differences and by the dot-product test");
        options.AddTo(command, CommonOptions.Groups.GainAndSeed | CommonOptions.Groups.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command);
        command.Options.Add(tolerance);
        command.SetAction(result =>
        {
            var n = result.GetValue(options.N);
            var limit = result.GetValue(tolerance);
            var cells = CellSelection.Resolve(result, options);
            var checkOptions = new DerivativeCheckOptions { N = n, Seed = result.GetValue(options.Seed), Gain = result.GetValue(options.Gain), Tolerance = limit };
            foreach (var spec in cells)
            {
                DerivativeChecks.Footprint(spec.Layout(CellDimensions.Of(n, checkOptions.InputSize)), checkOptions).Require();
            }
            if (result.GetValue(network.Params) is not null)
            {
                // At a network from a file: its own sizes and θ, as they are.
                var single = cells.Count == 1 ? cells[0] : throw new UsageException("--params checks one cell: name it with --cell or --cell-file");
                var layout = network.Layout(result, single, options, checkOptions.InputSize);
                checkOptions = checkOptions with { N = layout.Dimension("N"), InputSize = layout.InputSize, Theta = network.Theta(result, layout, options) };
            }
            var reports = new CellReport[cells.Count];
            new ProgressBoard(output).Run([.. cells.Select((spec, i) => new ProgressJob($"checks of {spec.Name}", 1, _ =>
                reports[i] = new CellReport(spec.Name, new DerivativeChecks(spec, checkOptions).Run().Select(CheckRow.From).ToList())))]);

            var console = Terminal.Create(output);
            var table = new Table().AddColumns("cell", "check", "max rel. error", "tolerance", "result");
            foreach (var report in reports)
            {
                foreach (var check in report.Checks)
                {
                    table.AddRow(report.Cell, check.Name, NumberText.Scientific(check.MaxRelError),
                        NumberText.Scientific(check.Tolerance, 0), check.Passed ? "pass" : "FAIL");
                }
            }
            console.Write(table);
            var passed = reports.All(report => report.Passed);
            console.WriteLine(passed
                ? $"all {reports.Sum(report => report.Checks.Count)} checks passed"
                : $"{reports.Sum(report => report.Checks.Count(check => !check.Passed))} checks FAILED");
            // docs/design.md's contract: `checks` and `passed`; the cell of each check is kept beside its name.
            JsonOutput.Write(result.GetValue(options.Json), new CheckFile(
                [.. reports.SelectMany(report => report.Checks.Select(check => check with { Name = report.Cell + "/" + check.Name }))], passed, reports));
            return passed ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }

    public sealed record CheckRow(string Name, double MaxRelError, double Tolerance, bool Passed)
    {
        public static CheckRow From(CheckResult result) => new(result.Name, result.MaxRelError, result.Tolerance, result.Passed);
    }

    public sealed record CellReport(string Cell, IReadOnlyList<CheckRow> Checks)
    {
        public bool Passed => Checks.All(check => check.Passed);
    }
}
