namespace Verified.Cli.Reproduction;

/// <summary>small: minutes here; claims: the runs behind the paper's headline sentences at the paper's per-run settings; paper: the paper's protocol.</summary>
public enum Scale { Small, Claims, Paper }

/// <summary>
/// One run behind a figure: cached under its id for exactly its key (every option that produces
/// it), so that an interrupted reproduction redoes only what is missing and never reuses a run of
/// another scale or protocol; a file counts as the run's only if it holds a whole result of the
/// run's type (<paramref name="Result"/>), so that a damaged one is computed again rather than
/// drawn.
/// </summary>
public sealed record FigureRun(string Id, int ProgressTicks, object Key, Type Result, Func<Action, object> Compute)
{
    /// <summary>The run <paramref name="id"/>, computed by <paramref name="compute"/>, whose results are <typeparamref name="T"/>.</summary>
    public static FigureRun Of<T>(string id, int units, object key, Func<Action, T> compute) where T : notnull =>
        new(id, units, key, typeof(T), tick => compute(tick));
}

/// <summary>
/// A figure of the paper: the runs behind it (each cached as units/ID.json) and how to turn their
/// results into data (JSON, CSV) and PNG plots.
/// </summary>
public abstract class Figure
{
    public abstract string Name { get; }
    public abstract string Title { get; }

    /// <summary>The scales this figure can be drawn at.</summary>
    public virtual IReadOnlyList<Scale> Scales => [Scale.Small, Scale.Paper];

    public abstract IReadOnlyList<FigureRun> Runs(Scale scale);

    /// <summary>Writes the figure's data and plots from its finished runs.</summary>
    public abstract void Render(string folder, Scale scale, RunResults results);

    /// <summary>
    /// A run whose key is its figure, scale and id and <paramref name="protocol"/>: every setting that produces it (sizes,
    /// gains, seeds, epochs, learning rates, the cell's source hash), so that a run made under another protocol is never
    /// handed back.
    /// </summary>
    protected FigureRun Run<T>(Scale scale, string id, int units, object protocol, Func<Action, T> compute) where T : notnull =>
        FigureRun.Of(id, units, new FigureUnitKey(Name, scale.ToString().ToLowerInvariant(), id, protocol), compute);
}

/// <summary>The key of a figure's unit: the figure, its scale, the unit's id and the protocol that produces it (a record of the figure's own).</summary>
public sealed record FigureUnitKey(string Figure, string Scale, string Id, object Protocol);
