using System.CommandLine;
using System.CommandLine.Parsing;

namespace Verified.Cli.Commands;

/// <summary>
/// One check for every command: each file it writes (an option of rule <see cref="ValueRule.WritableFile"/>)
/// must be a file of its own, named by no other file option of the command, whether that option writes
/// (--json F --save-params F: one would overwrite the other) or reads (--json F --cell-file F would destroy
/// the cell). A parse error, so refused in one line before any work.
/// </summary>
public static class SeparateFiles
{
    /// <summary>Adds the check to <paramref name="command"/> and each of its subcommands that has a file to write.</summary>
    public static void Install(Command command)
    {
        var files = command.Options.OfType<Option<FileInfo?>>().ToList();
        if (files.Any(IsOutput))
        {
            command.Validators.Add(result => Check(result, files));
        }
        foreach (var subcommand in command.Subcommands)
        {
            Install(subcommand);
        }
    }

    private static bool IsOutput(Option option) => OptionRules.RuleOf(option) == ValueRule.WritableFile;

    private static void Check(CommandResult result, IReadOnlyList<Option<FileInfo?>> options)
    {
        var given = options
            .Select(option => (Option: option, File: result.GetResult(option) is { Implicit: false } found && !found.Errors.Any() && OptionRules.TryValue(found, out FileInfo? file) && file is not null ? Same(file) : null))
            .Where(entry => entry.File is not null)
            .ToList();
        for (var i = 0; i < given.Count; i++)
        {
            for (var j = i + 1; j < given.Count; j++)
            {
                var (first, second) = (given[i], given[j]);
                if (first.File != second.File || !(IsOutput(first.Option) || IsOutput(second.Option)))
                {
                    continue;
                }
                var (output, other) = IsOutput(first.Option) ? (first.Option, second.Option) : (second.Option, first.Option);
                result.AddError(IsOutput(other)
                    ? $"{first.Option.Name} and {second.Option.Name} name the same file '{first.File}'; each output needs a file of its own"
                    : $"{output.Name} would overwrite the file that {other.Name} reads, '{first.File}'; write it to another file");
                return;
            }
        }
    }

    /// <summary>The file a path names, as one string for every way of writing it: the full path, through a symbolic link to its final target.</summary>
    private static string Same(FileInfo file) => file.Exists && file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : file.FullName;
}
