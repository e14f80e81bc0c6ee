using System.CommandLine;

namespace Verified.Cli.Commands;

/// <summary>--jobs J: independent runs side by side on J threads (default: every processor); results are those of --jobs 1.</summary>
public static class JobsOption
{
    public const string Name = "--jobs";

    public static Option<int> Create() => new Option<int>(Name) { Description = "Runs side by side (default: the number of processors); results are identical to --jobs 1", DefaultValueFactory = _ => Environment.ProcessorCount }.Positive();
}
