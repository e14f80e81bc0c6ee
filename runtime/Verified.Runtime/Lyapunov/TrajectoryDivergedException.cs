namespace Verified.Lyapunov;

/// <summary>
/// The trajectory, the tangent vectors or the network's output stopped being finite. Names the
/// step, and the phase and epoch it happened in as each caller adds its own context
/// (for instance "training epoch 12" or "flossing episode 2 before training epoch 100, flossing epoch 7").
/// </summary>
public sealed class TrajectoryDivergedException(int step, string what, string? context = null)
    : Exception($"{(context is null ? "" : context + ", ")}step {step}: the {what} became NaN or infinite")
{
    /// <summary>The step whose result was not finite (1-based: the state after it).</summary>
    public int Step { get; } = step;

    /// <summary>What stopped being finite ("state", "tangent vectors", ...).</summary>
    public string What { get; } = what;

    /// <summary>The phase and epoch, outermost first, or null.</summary>
    public string? Context { get; } = context;

    /// <summary>The same divergence inside a wider phase: <paramref name="outer"/> comes first.</summary>
    public TrajectoryDivergedException Within(string outer) => new(Step, What, Context is null ? outer : $"{outer}, {Context}");
}
