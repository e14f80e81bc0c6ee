using System.Globalization;
using System.Text;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Storage;

namespace Verified.Cli.Validation;

/// <summary>
/// report.md: a summary line (and the parts of the suite it lacks, if any), then per part a table of
/// every check (measured figure, bound, result) and the files it wrote; report.json beside it.
/// </summary>
public static class ValidationReport
{
    public static void Write(string folder, IReadOnlyList<PartOutcome> outcomes, IReadOnlyList<string> notRun)
    {
        var checks = outcomes.SelectMany(outcome => outcome.Checks).ToList();
        var failed = checks.Count(check => !check.Passed);
        var text = new StringBuilder();
        text.AppendLine("# Verified validation report").AppendLine();
        text.AppendLine(failed == 0
            ? $"**All {checks.Count} checks passed** in {outcomes.Sum(outcome => outcome.Seconds):F0} s of computation."
            : $"**{failed} of {checks.Count} checks FAILED.**").AppendLine();
        if (notRun.Count > 0)
        {
            text.AppendLine($"Parts not yet run in this folder: {string.Join(", ", notRun.Select(part => $"`{part}`"))}.").AppendLine();
        }
        text.AppendLine("Each check states a measured figure and the bound it must keep: `≤` for errors, `≥` for reductions and accuracies. ");
        text.AppendLine("Relative errors are norm-wise: max|a − e| / max(max|a|, max|e|).").AppendLine();
        foreach (var outcome in outcomes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {outcome.Title} (`{outcome.Part}`, {outcome.Seconds:F1} s)").AppendLine();
            text.AppendLine("| check | measured | bound | result |").AppendLine("|---|---:|---:|---|");
            foreach (var check in outcome.Checks)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {check.Name.Replace("|", "\\|", StringComparison.Ordinal)} | {NumberText.Compact(check.Measured)} | {check.Relation} {NumberText.Compact(check.Limit)} | {(check.Passed ? "pass" : "**FAIL**")} |");
            }
            var files = outcome.Files.Where(file => file.EndsWith(".png", StringComparison.Ordinal)).ToList();
            text.AppendLine();
            foreach (var file in files)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"![{file}]({file})").AppendLine();
            }
            var data = outcome.Files.Where(file => file.EndsWith(".json", StringComparison.Ordinal)).ToList();
            if (data.Count > 0)
            {
                text.AppendLine("Data: " + string.Join(", ", data.Select(file => $"[{file}]({file})"))).AppendLine();
            }
        }
        Verified.Storage.AtomicFile.WriteAllText(Path.Combine(folder, "report.md"), text.ToString());
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "report.json")), new ValidationReportFile(failed == 0, checks, outcomes, notRun));
    }
}
