namespace Verified.Training.Tasks;

/// <summary>Temporal XOR: x ∈ {0, 1}, y_t = |x_{t−d/2} − x_{t−d}|; binary cross-entropy on logits.</summary>
public sealed class TemporalXorTask(int delay) : DelayedTask(delay)
{
    public override string Name => "xor";
    public override int InputSize => 1;
    public override LossKind DefaultLoss => LossKind.BinaryCrossEntropy;
    public override Lyapunov.InputKind Input => Lyapunov.InputKind.Bernoulli;
    protected override double Target(double[] sequence, int t, int output) => Math.Abs(sequence[t - Delay / 2] - sequence[t - Delay]);
}
