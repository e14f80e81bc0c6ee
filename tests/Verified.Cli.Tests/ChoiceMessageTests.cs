using System.CommandLine;
using System.CommandLine.Completions;
using Verified.Cli.Commands;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// An option (or the figure) that takes one of a few words names itself when given another: with --input,
/// --floss-input and --task-input on one line, "Argument 'foo' not recognized" would not say which was wrong.
/// </summary>
public sealed class ChoiceMessageTests
{
    private static readonly RootCommand Root = CommandLine.Root(TextWriter.Null, TextWriter.Null);

    /// <summary>Every option of every command whose help lists its words (&lt;a|b|…&gt;), bool switches aside.</summary>
    public static TheoryData<string, string> ChoiceOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Root.Subcommands)
        {
            foreach (var option in command.Options.Where(option => option.ValueType != typeof(bool) && Words(option).Length > 0))
            {
                data.Add(command.Name, option.Name);
            }
        }
        return data;
    }

    [Fact]
    public void Every_command_with_words_to_choose_from_is_covered() =>
        Assert.True(ChoiceOptions().Count() >= 15, $"only {ChoiceOptions().Count()} options with words found");

    [Theory]
    [MemberData(nameof(ChoiceOptions))]
    public void A_word_not_among_an_options_words_is_refused_naming_the_option(string commandName, string optionName)
    {
        using var temporary = new TemporaryFolder();
        var folder = Path.Combine(temporary, "out");
        var option = Root.Subcommands.Single(command => command.Name == commandName).Options.Single(option => option.Name == optionName);
        string[] required = commandName switch
        {
            "reproduce" => ["fig1"],
            "validate" or "sweep" => ["--out", folder],
            _ => [],
        };

        var (code, output, error) = CliRunner.Run([commandName, .. required, optionName, "zzz"]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        // Help lists the words sorted; the message lists them as declared (checked below), so here only which.
        var words = error.TrimEnd()[$"error: {optionName} must be one of ".Length..^", not 'zzz'".Length];
        Assert.StartsWith($"error: {optionName} must be one of ", error);
        Assert.EndsWith(", not 'zzz'", error.TrimEnd());
        Assert.Equal(Words(option).Order(StringComparer.Ordinal), words.Split(", ").Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("error: --input must be one of none, gaussian, bernoulli, uniform, not 'Gaussian'", "spectrum", "--cell", "vanilla-tanh", "--input", "Gaussian")]
    [InlineData("error: --bits must be one of 256, 512, not '100'", "condition", "--cell", "vanilla-tanh", "--bits", "100")]
    [InlineData("error: --floss-input must be one of none, gaussian, bernoulli, uniform, not 'foo'", "train", "--cell", "vanilla-tanh", "--flossing", "pre", "--floss-input", "foo")]
    [InlineData("error: --scale must be one of small, claims, paper, not 'huge'", "reproduce", "fig1", "--scale", "huge")]
    public void The_message_lists_the_words_in_the_order_the_option_declares_them(string expected, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Fact]
    public void An_unknown_figure_is_refused_naming_the_figures()
    {
        var (code, output, error) = CliRunner.Run("reproduce", "fig99");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: FIGURE must be one of {string.Join(", ", Verified.Cli.Reproduction.Reproducer.Figures().Select(figure => figure.Name))}, not 'fig99'", error.TrimEnd());
    }

    [Fact]
    public void The_command_list_names_the_figure_argument_without_listing_the_figures()
    {
        // The figures listed in the command column pushed every command's description past column 95.
        var (code, output, _) = CliRunner.Run("--help");
        var commands = output.Split('\n').SkipWhile(line => !line.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1).Where(line => line.Length > 0).ToArray();

        Assert.Equal(0, code);
        Assert.Contains(commands, line => line.TrimStart().StartsWith("reproduce <FIGURE>", StringComparison.Ordinal));
        Assert.InRange(commands[0].IndexOf("List the built-in cells", StringComparison.Ordinal), 1, 30);
    }

    private static string[] Words(Option option) => [.. option.GetCompletions(CompletionContext.Empty).Select(item => item.Label)];
}
