namespace Verified.Cli.Validation;

/// <summary>
/// One part of `verified validate`: it runs, writes its data (JSON) and plots (PNG) into the output
/// folder, and returns its checks. A part is done once its outcome file exists (written last), so an
/// interrupted validation reruns only the parts that are missing.
/// </summary>
public abstract class ValidationPart
{
    /// <summary>Short name: the outcome file is NAME.json and data files start with NAME.</summary>
    public abstract string Name { get; }
    public abstract string Title { get; }
    /// <summary>How many times <see cref="Run"/> ticks its progress.</summary>
    public abstract int ProgressTicks { get; }

    public abstract IReadOnlyList<ValidationCheck> Run(string folder, Action tick);
}

/// <summary>What a finished part leaves behind: its checks, the files it wrote, and its wall time.</summary>
public sealed record PartOutcome(string Part, string Title, IReadOnlyList<ValidationCheck> Checks, IReadOnlyList<string> Files, double Seconds);
