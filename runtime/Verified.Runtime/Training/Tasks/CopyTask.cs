namespace Verified.Training.Tasks;

/// <summary>Delayed copy: x ~ U(0, 1), y_t = x_{t−d}; mean-squared error.</summary>
public sealed class CopyTask(int delay) : DelayedTask(delay)
{
    /// <inheritdoc/>
    public override string Name => "copy";
    /// <inheritdoc/>
    public override int InputSize => 1;
    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.MeanSquaredError;
    /// <inheritdoc/>
    public override Lyapunov.InputKind Input => Lyapunov.InputKind.Uniform;
    /// <inheritdoc/>
    protected override double Target(SequenceView sequence, int t, int output) => sequence[t - Delay];
}
