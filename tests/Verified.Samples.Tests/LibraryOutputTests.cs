using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Verified.Samples.Tests;

/// <summary>
/// docs/library.md shows what its program prints: the page's output block, line by line, against what the sample prints
/// now. Text must match exactly; each number must agree within 1 % of its value or 2 units of its last printed digit,
/// whichever is larger, because the numbers after 150 flossing epochs vary in their third digit between machines (the
/// 512- and 256-bit vector paths round differently, and flossing amplifies it).
/// </summary>
public sealed partial class LibraryOutputTests
{
    [Fact]
    public void The_page_shows_what_the_program_prints()
    {
        var problems = Problems(ShownOutput(File.ReadAllText(Repository.File("docs/library.md"))), Lines(SampleRun.Output.Value));

        Assert.True(problems.Count == 0, "docs/library.md's output block is not what the sample prints (update the page):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void A_page_whose_numbers_or_words_differ_from_the_output_is_reported()
    {
        string[] printed = ["spectrum before flossing: -0.1381, -0.1750", "flossing loss: 0.0315 -> 0.00223 in 150 epochs", "condition m=2 t=40: log10 κ2 = 4.882"];

        Assert.Empty(Problems(["spectrum before flossing: -0.1382, -0.1750", "flossing loss: 0.0315 -> 0.00222 in 150 epochs", "condition m=2 t=40: log10 κ2 = 4.870"], printed));
        Assert.Single(Problems(["spectrum before flossing: -0.1381, -0.1790", "flossing loss: 0.0315 -> 0.00223 in 150 epochs", "condition m=2 t=40: log10 κ2 = 4.882"], printed));
        Assert.Single(Problems(["spectrum before flossing: -0.1381, -0.1750", "flossing loss: 0.0315 -> 0.00223 in 150 epochs", "condition m=2 t=40: log10 κ2 = -0.108"], printed));
        Assert.Single(Problems(["spectrum before flossing: -0.1381, -0.1750", "flossing loss: 0.0315 -> 0.00223 in 160 epochs", "condition m=2 t=40: log10 κ2 = 4.882"], printed));
        Assert.Single(Problems(["spectrum before flossing: -0.1381, -0.1750", "flossing loss: 0.0315 -> 0.00223 in 150 epochs"], printed));
    }

    /// <summary>The lines of the page's ```text block that follows its program.</summary>
    private static string[] ShownOutput(string page)
    {
        var block = TextBlock().Match(page.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.True(block.Success, "docs/library.md has no ```text block");
        return Lines(block.Groups[1].Value);
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Each line where the page and the output differ beyond the tolerance.</summary>
    private static List<string> Problems(IReadOnlyList<string> shown, IReadOnlyList<string> printed)
    {
        var problems = new List<string>();
        if (shown.Count != printed.Count)
        {
            problems.Add($"the page shows {shown.Count} lines, the program prints {printed.Count}");
        }
        foreach (var (page, output) in shown.Zip(printed))
        {
            var (pageNumbers, outputNumbers) = (Number().Matches(page), Number().Matches(output));
            var agree = Number().Replace(page, "#") == Number().Replace(output, "#") && pageNumbers.Count == outputNumbers.Count
                && pageNumbers.Zip(outputNumbers).All(pair => Close(pair.First.Value, pair.Second.Value));
            if (!agree)
            {
                problems.Add($"page:    {page}\nprinted: {output}");
            }
        }
        return problems;
    }

    /// <summary>An integer (a count, an index, a horizon) exactly; a decimal within 1 % of the page's value or 2 units of its last printed digit, whichever is larger.</summary>
    private static bool Close(string page, string printed)
    {
        if (!page.Contains('.', StringComparison.Ordinal))
        {
            return page == printed;
        }
        var (expected, actual) = (Parse(page), Parse(printed));
        var decimals = page.Length - page.IndexOf('.', StringComparison.Ordinal) - 1;
        return Math.Abs(actual - expected) <= Math.Max(0.01 * Math.Abs(expected), 2 * Math.Pow(10, -decimals));
    }

    private static double Parse(string text) => double.Parse(text.Replace('−', '-'), NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[-−]?\d+(\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TextBlock();
}
