namespace Verified.Cli.Reproduction;

public enum Scale { Small, Paper }

/// <summary>One run behind a figure: cached under its id, so that an interrupted reproduction redoes only what is missing.</summary>
public sealed record FigureRun(string Id, int Units, Func<Action, object> Compute);

/// <summary>
/// A figure of the paper: the runs behind it (each cached as units/ID.json) and how to turn their
/// results into data (JSON, CSV) and PNG plots.
/// </summary>
public abstract class Figure
{
    public abstract string Name { get; }
    public abstract string Title { get; }

    public abstract IReadOnlyList<FigureRun> Runs(Scale scale);

    /// <summary>Writes the figure's data and plots from its finished runs.</summary>
    public abstract void Render(string folder, Scale scale, RunResults results);
}
