namespace Verified.Training.Tasks;

/// <summary>
/// Delayed copy, y_t = x_{t−d}, with mean-squared error: x ~ U(0, 1) as the paper's appendix H.1 draws it, or
/// Bernoulli bits x ∈ {0, 1} as the author's code does (an ablation arm of docs/reproduction.md).
/// </summary>
public sealed class CopyTask(int delay, Lyapunov.InputKind input = Lyapunov.InputKind.Uniform) : DelayedTask(delay)
{
    /// <inheritdoc/>
    public override string Name => "copy";
    /// <inheritdoc/>
    public override int InputSize => 1;
    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.MeanSquaredError;

    /// <inheritdoc/>
    public override bool HasAccuracy => input == Lyapunov.InputKind.Bernoulli;
    /// <inheritdoc/>
    public override Lyapunov.InputKind Input => input;
    /// <inheritdoc/>
    protected override double Target(SequenceView sequence, int t, int output) => sequence[t - Delay];
}
