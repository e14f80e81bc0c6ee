using System.CommandLine;

namespace Verified.Cli.Commands;

/// <summary>--merge of `sweep` and `reproduce`: it joins what the shards wrote and runs nothing, so an option that only shapes runs is refused with it rather than ignored.</summary>
public static class MergeMode
{
    /// <summary>Refuses every option of <paramref name="command"/> given on the command line except <paramref name="taken"/> (and --merge itself).</summary>
    public static void RefuseRunOptions(ParseResult result, Command command, params Option[] taken)
    {
        var given = command.Options.Where(option => option.Name != "--merge" && !taken.Contains(option) && result.GetResult(option) is { Implicit: false }).ToList();
        if (given.Count > 0)
        {
            throw new UsageException($"--merge runs nothing and takes only {string.Join(", ", taken.Select(option => option.Name))}; {string.Join(", ", given.Select(option => option.Name))} would be ignored");
        }
    }
}
