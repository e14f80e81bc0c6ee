using System.Text.RegularExpressions;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// docs/claims.md, the ledger of the paper's claims, is complete and agrees with the claims.md files
/// that the reproductions write: every row has a command and a verdict from the ledger's vocabulary,
/// every claim the ledger must hold is there, and a row that links figures' claims.md files carries the
/// verdict their lines combine to.
/// </summary>
public sealed partial class ClaimsLedgerTests
{
    /// <summary>The rows the ledger must hold: every testable claim of the paper (issue 24's list).</summary>
    private static readonly string[] Required =
    [
        "C1.1", "C1.2", "C1.3", "C1.4", "C2.1", "C2.2", "C2.3", "C2.4", "C3.1", "C3.2", "C3.3", "C3.4",
        "C4.1", "C4.2", "C4.3", "C4.4", "C4.5", "C4.6", "C4.7", "C4.8", "C5.1", "C5.2", "C6.1", "C6.2", "C6.3",
        "C8.1", "C8.2", "C8.3", "C10.1", "C12.1", "C13.1", "C13.2", "C14.1", "CE.1", "CF.1", "CK.1", "CJ.1", "CD.1", "CD.2",
    ];

    private static readonly HashSet<string> Verdicts = ["holds", "does not hold", "partly", "not testable as stated", "not yet run"];

    [Fact]
    public void The_ledger_is_complete_and_agrees_with_the_figures_claims()
    {
        var docs = Path.Combine(Repository.Root, "docs");
        var problems = Problems(File.ReadAllText(Path.Combine(docs, "claims.md")),
            link => File.Exists(Path.Combine(docs, link)) ? File.ReadAllText(Path.Combine(docs, link)) : null);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_row_without_a_verdict_or_command_or_at_odds_with_its_figure_is_reported()
    {
        const string ledger = """
            | row | claim | where | command | runs | verdict |
            |---|---|---|---|---|---|
            | C3.1 | a | Sec 6 | `verified reproduce fig3` | [x](recorded-runs/x/claims.md) | holds |
            | C3.2 | b | Sec 6 | | — | not yet run |
            | C3.3 | c | Sec 6 | `verified reproduce fig3` | — | maybe |
            | C3.3 | d | Sec 6 | `verified reproduce fig3` | [x](recorded-runs/x/claims.md) | holds |
            | C3.4 | e | Sec 6 | `verified reproduce fig3` | [x](recorded-runs/x/claims.md), [y](recorded-runs/y/claims.md) | holds |
            | C4.1 | f | Sec 7 | `verified reproduce fig4` | [x](recorded-runs/x/claims.md), [y](recorded-runs/y/claims.md) | holds |
            """;
        const string figure = """
            | row | claim | test | measured | verdict |
            |---|---|---|---|---|
            | C3.1 | a | t | m | **holds** |
            | C3.1 | a, under an arm | t | m | **does not hold** |
            | C3.3 | c | t | m | **holds** |
            | C3.4 | e | t | m | **holds** |
            """;
        const string second = """
            | row | claim | test | measured | verdict |
            |---|---|---|---|---|
            | C3.4 | e, more runs | t | m | **does not hold** |
            """;

        var problems = Problems(ledger, link => link switch { "recorded-runs/x/claims.md" => figure, "recorded-runs/y/claims.md" => second, _ => null });

        Assert.Contains(problems, problem => problem.StartsWith("C3.1: the ledger says 'holds'; recorded-runs/x/claims.md combine to 'partly'", StringComparison.Ordinal));
        // A second linked file counts too: its line turns the first's "holds" into "partly"; a linked file that judges nothing is reported.
        Assert.Contains(problems, problem => problem.StartsWith("C3.4: the ledger says 'holds'; recorded-runs/x/claims.md and recorded-runs/y/claims.md combine to 'partly'", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("C4.1: recorded-runs/x/claims.md judges no line C4.1", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("C4.1: recorded-runs/y/claims.md judges no line C4.1", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("C3.2: no command", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("C3.3: verdict 'maybe'", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("C3.3: a second row", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("C1.1: missing", StringComparison.Ordinal));
    }

    /// <summary>Everything wrong with <paramref name="ledger"/>; <paramref name="read"/> gives a linked file's text, or null.</summary>
    private static List<string> Problems(string ledger, Func<string, string?> read)
    {
        var problems = new List<string>();
        var rows = Table(ledger, "| row | claim | where | command | runs | verdict |");
        var seen = new HashSet<string>();
        foreach (var cells in rows)
        {
            var (id, command, runs, verdict) = (cells[0], cells[3], cells[4], cells[5]);
            if (!seen.Add(id))
            {
                problems.Add($"{id}: a second row");
                continue;
            }
            if (!command.Contains('`'))
            {
                problems.Add($"{id}: no command");
            }
            if (!Verdicts.Contains(verdict))
            {
                problems.Add($"{id}: verdict '{verdict}' is not one of {string.Join(", ", Verdicts)}");
                continue;
            }
            // Every linked claims.md must judge the row, and their lines together combine to the row's verdict.
            var links = LinkPattern().Matches(runs).Select(match => match.Groups[1].Value).ToList();
            var lines = new List<string>();
            foreach (var link in links)
            {
                var text = read(link);
                if (text is null)
                {
                    problems.Add($"{id}: {link} does not exist");
                    continue;
                }
                var judged = Table(text, "| row | claim | test | measured | verdict |").Where(line => line[0] == id).Select(line => line[4].Trim('*')).ToList();
                if (judged.Count == 0)
                {
                    problems.Add($"{id}: {link} judges no line {id}");
                }
                lines.AddRange(judged);
            }
            if (lines.Count > 0 && Combined(lines) is var combined && combined != verdict)
            {
                problems.Add($"{id}: the ledger says '{verdict}'; {string.Join(" and ", links)} combine to '{combined}'");
            }
        }
        problems.AddRange(Required.Where(id => !seen.Contains(id)).Select(id => $"{id}: missing"));
        return problems;
    }

    /// <summary>One verdict for several lines: theirs if they agree, "partly" if some hold and some do not.</summary>
    private static string Combined(IReadOnlyList<string> verdicts) =>
        verdicts.Distinct().Count() == 1 ? verdicts[0]
        : verdicts.Contains("holds") && verdicts.Contains("does not hold") ? "partly"
        : string.Join(" / ", verdicts.Distinct().Order(StringComparer.Ordinal));

    /// <summary>The cells of the rows of the Markdown table whose header is <paramref name="header"/>.</summary>
    private static List<string[]> Table(string text, string header)
    {
        var lines = text.Split('\n').Select(line => line.Trim()).ToList();
        var start = lines.IndexOf(header);
        return start < 0
            ? []
            : [.. lines.Skip(start + 2).TakeWhile(line => line.StartsWith('|')).Select(line => UnescapedPipe().Split(line.Trim('|')).Select(cell => cell.Trim()).ToArray())];
    }

    /// <summary>A '|' that separates cells: one that is not escaped as '\|'.</summary>
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex(@"\]\(([^)]+/claims\.md)\)")]
    private static partial Regex LinkPattern();
}
