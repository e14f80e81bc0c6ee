using System.CommandLine;
using System.Text.RegularExpressions;
using Verified.Cli.Commands;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// The README's sentences "`a`, `b` and `c` take `--option`" name exactly the commands that have the option, and an
/// option's help speaks of another option only where the command has it.
/// </summary>
public sealed class ReadmeOptionListTests
{
    private static readonly RootCommand Root = CommandLine.Root(TextWriter.Null, TextWriter.Null);

    [Theory]
    [InlineData("take `--threads T`", "--threads")]
    [InlineData("take `--precision float|double`", "--precision")]
    public void The_readme_names_the_commands_that_take_an_option(string phrase, string option)
    {
        var readme = Regex.Replace(File.ReadAllText(Repository.File("README.md")), @"\s+", " ");
        var end = readme.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(end > 0, $"README has no \"{phrase}\"");
        var start = readme.LastIndexOfAny(['.', ';'], end) + 1;
        var commandNames = Root.Subcommands.Select(command => command.Name).ToHashSet();

        var listed = Regex.Matches(readme[start..end], "`([a-z]+)`").Select(match => match.Groups[1].Value).Where(commandNames.Contains).Order();
        var having = Root.Subcommands.Where(command => command.Options.Any(o => o.Name == option)).Select(command => command.Name).Order();

        Assert.Equal(having, listed);
    }

    [Fact]
    public void Threads_help_speaks_of_jobs_only_where_the_command_has_jobs()
    {
        foreach (var command in Root.Subcommands.Where(command => command.Options.Any(option => option.Name == ThreadsOption.Name)))
        {
            var threads = command.Options.Single(option => option.Name == ThreadsOption.Name);
            var hasJobs = command.Options.Any(option => option.Name == JobsOption.Name);

            Assert.True(hasJobs == threads.Description!.Contains("--jobs", StringComparison.Ordinal), $"{command.Name}: {threads.Description}");
        }
    }
}
