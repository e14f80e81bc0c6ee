namespace Verified.Lyapunov;

/// <summary>The trajectory or the tangent vectors stopped being finite; names the step.</summary>
public sealed class TrajectoryDivergedException(int step, string what)
    : Exception($"the {what} became NaN or infinite at step {step}")
{
    public int Step { get; } = step;
}
