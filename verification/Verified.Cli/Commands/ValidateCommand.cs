using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verified.Cli.Output;
using Verified.Cli.Validation;
using Verified.Storage;

namespace Verified.Cli.Commands;

/// <summary>
/// `verified validate --out DIR`: the validation suite (or the parts of --parts), as a report with data
/// and plots that also keeps the parts recorded in DIR before; exit 1 if a check of the parts asked for fails.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outFolder = new Option<DirectoryInfo>("--out") { Description = "Folder for report.md, report.json, each part's data (JSON) and plots (PNG)", Required = true }.WritableFolder();
        var only = new Option<string[]?>("--parts") { Description = "Run only these parts: " + string.Join(", ", ValidationSuite.Parts().Select(part => part.Name)) + " (default: every part)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("validate", "Run the validation suite: derivatives, spectrum identities, flossing, κ2 at 256 bits, training");
        command.Options.Add(outFolder);
        command.Options.Add(only);
        command.SetAction(result =>
        {
            var parts = ValidationSuite.Parts();
            if (result.GetValue(only) is { Length: > 0 } names)
            {
                var unknown = names.FirstOrDefault(name => parts.All(part => part.Name != name));
                if (unknown is not null)
                {
                    throw new UsageException($"unknown part '{unknown}'; the parts are {string.Join(", ", parts.Select(part => part.Name))}");
                }
                parts = [.. parts.Where(part => names.Contains(part.Name))];
            }
            var folder = OutputFolder.Create(result.GetValue(outFolder)!);
            var (outcomes, earlier) = ValidationSuite.Run(folder, parts, output, error);

            var console = Terminal.Create(output);
            var table = new Table().AddColumns("part", "checks", "failed", "seconds");
            foreach (var outcome in outcomes)
            {
                var failures = outcome.Checks.Count(check => !check.Passed);
                table.AddRow(Markup.Escape(outcome.Title), outcome.Checks.Count.ToString(CultureInfo.InvariantCulture),
                    failures == 0 ? "0" : $"[red]{failures}[/]", outcome.Seconds.ToString("F1", CultureInfo.InvariantCulture));
            }
            console.Write(table);
            var checks = outcomes.SelectMany(outcome => outcome.Checks).ToList();
            foreach (var check in checks.Where(check => !check.Passed))
            {
                console.WriteLine($"FAILED {check.Part}: {check.Name}: {NumberText.Compact(check.Measured)}, bound {check.Relation} {NumberText.Compact(check.Limit)}");
            }
            var failed = checks.Count(check => !check.Passed);
            var report = Path.Combine(folder, "report.md") + (earlier.Count == 0 ? "" : $" (with the earlier results of {string.Join(", ", earlier)})");
            console.WriteLine(failed == 0 ? $"all {checks.Count} checks passed; report: {report}" : $"{failed} of {checks.Count} checks FAILED; report: {report}");
            return failed == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }
}
