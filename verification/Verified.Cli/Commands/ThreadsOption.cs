using System.CommandLine;

namespace Verified.Cli.Commands;

/// <summary>
/// --threads T: the threads one command's dense kernels may use (large products and QRs are cut into
/// fixed chunks, so every T gives the same numbers); with --jobs J each run side by side gets T / J.
/// </summary>
public static class ThreadsOption
{
    public const string Name = "--threads";

    /// <summary>The commands whose work goes through the dense kernels.</summary>
    public static readonly string[] Commands = ["spectrum", "floss", "condition", "clv", "basis", "train", "sweep", "validate", "reproduce"];

    /// <summary>The option of one command; its help speaks of --jobs only where the command has <paramref name="jobs"/>.</summary>
    public static Option<int> Create(bool jobs) => new Option<int>(Name)
    {
        Description = jobs
            ? "Threads for the dense kernels of large networks (default: the number of processors; with --jobs J each run gets its share); every value gives the same numbers"
            : "Threads for the dense kernels of large networks (default: the number of processors); every value gives the same numbers",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.PositiveAtMost(MostThreads);

    /// <summary>More threads than this is a typo, not a machine: each is a real thread with a 16 MB stack.</summary>
    public const int MostThreads = 1024;
}
