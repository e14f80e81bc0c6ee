using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using Verified.Experiments.Results;

namespace Verified.Cli.Commands;

/// <summary>The `verified` command: its subcommands, and the mapping of failures to exit codes.</summary>
public static class CommandLine
{
    /// <summary>The command tree, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static RootCommand Root(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Verified: Lyapunov spectra and gradient flossing for generated recurrent cells");
        root.Subcommands.Add(CellsCommand.Create(output));
        root.Subcommands.Add(CheckCommand.Create(output));
        root.Subcommands.Add(SpectrumCommand.Create(output));
        root.Subcommands.Add(FlossCommand.Create(output));
        root.Subcommands.Add(ConditionCommand.Create(output));
        root.Subcommands.Add(ClvCommand.Create(output));
        root.Subcommands.Add(BasisCommand.Create(output));
        root.Subcommands.Add(TrainCommand.Create(output));
        root.Subcommands.Add(SweepCommand.Create(output, error));
        root.Subcommands.Add(ValidateCommand.Create(output, error));
        root.Subcommands.Add(ReproduceCommand.Create(output, error));
        foreach (var command in root.Subcommands.Where(command => ThreadsOption.Commands.Contains(command.Name)))
        {
            command.Options.Add(ThreadsOption.Create(jobs: command.Options.Any(option => option.Name == JobsOption.Name)));
        }
        ValueParsers.Install(root);
        SeparateFiles.Install(root);
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // Option values are read, and numbers written, in the invariant culture whatever the machine's: under a
        // German locale "--g 0.5" would otherwise be read as 5.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return RunInvariant(args, output, error);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static int RunInvariant(string[] args, TextWriter output, TextWriter error)
    {
        var root = Root(output, error);
        if (args is ["help", .. var topic])
        {
            // `verified help [COMMAND]` is `verified [COMMAND] --help`.
            args = [.. topic, "--help"];
        }

        var commands = string.Join(", ", root.Subcommands.Select(command => command.Name));
        if (args.Length == 0)
        {
            error.WriteLine($"error: no command given; the commands are {commands} (verified --help says what each does)");
            return ExitCodes.BadInput;
        }
        if (args is [var first, ..] && !first.StartsWith('-') && root.Subcommands.All(command => command.Name != first))
        {
            error.WriteLine($"error: unknown command '{first}'; the commands are {commands}");
            return ExitCodes.BadInput;
        }
        var parsed = root.Parse(args);
        if (parsed.UnmatchedTokens is [var unmatched, ..] && parsed.CommandResult.Command != root)
        {
            // System.CommandLine's "Unrecognized command or argument" says neither which command nor where its options are listed.
            var name = parsed.CommandResult.Command.Name;
            error.WriteLine(unmatched.StartsWith('-')
                ? $"error: {name} has no option {unmatched}; verified {name} --help lists its options"
                : $"error: {name} takes no argument '{unmatched}'; verified {name} --help lists what it takes");
            return ExitCodes.BadInput;
        }
        if (parsed.Errors.Count > 0)
        {
            // One line: System.CommandLine lists allowed values on further lines.
            error.WriteLine("error: " + string.Join(" ", parsed.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
            return ExitCodes.BadInput;
        }
        if (parsed.Action is HelpAction)
        {
            return HelpText.Write(parsed, output);
        }
        try
        {
            using var threads = Dense.Threading.DenseThreads.Use(parsed.GetValue<int>(ThreadsOption.Name) is > 0 and var count ? count : 1);
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception usage) when (usage is UsageException or MemoryLimits.ResourceLimitException or InvalidDataException or Storage.ParameterFileException)
        {
            // One line, but for a cell file's errors, which are one line each.
            foreach (var line in usage.Message.Split('\n'))
            {
                error.WriteLine("error: " + line);
            }
            return ExitCodes.BadInput;
        }
        catch (Exception failed) when (failed is Lyapunov.TrajectoryDivergedException or Flossing.FlossingFailedException)
        {
            error.WriteLine("error: " + failed.Message);
            return ExitCodes.CheckFailed;
        }
        catch (Verified.Experiments.Results.IncompleteResultsException incomplete)
        {
            error.WriteLine("error: " + incomplete.Message);
            return ExitCodes.Incomplete;
        }
    }
}
