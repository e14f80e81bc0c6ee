namespace Verified.Training.Tasks;

/// <summary>
/// Temporal XOR, y_t = |x_{t−d/2} − x_{t−d}|: on binary inputs (`xor`) the XOR of the two, with
/// binary cross-entropy on logits; on x ~ U(0, 1) (`continuous-xor`, the paper's Fig 3) its
/// continuous version, with mean-squared error.
/// </summary>
public sealed class TemporalXorTask(int delay, bool continuous = false) : DelayedTask(delay)
{
    /// <inheritdoc/>
    public override string Name => continuous ? "continuous-xor" : "xor";
    /// <inheritdoc/>
    public override int InputSize => 1;
    /// <inheritdoc/>
    public override bool HasAccuracy => !continuous;
    /// <inheritdoc/>
    public override LossKind DefaultLoss => continuous ? LossKind.MeanSquaredError : LossKind.BinaryCrossEntropy;
    /// <inheritdoc/>
    public override Lyapunov.InputKind Input => continuous ? Lyapunov.InputKind.Uniform : Lyapunov.InputKind.Bernoulli;
    /// <inheritdoc/>
    protected override double Target(SequenceView sequence, int t, int output) => Math.Abs(sequence[t - Delay / 2] - sequence[t - Delay]);
}
