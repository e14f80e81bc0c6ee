namespace Verified.Training.Tasks;

/// <summary>Continuous temporal XOR (the paper's Fig 3): x ~ U(0, 1), y_t = |x_{t−d/2} − x_{t−d}|; mean-squared error.</summary>
public sealed class ContinuousXorTask(int delay) : DelayedTask(delay)
{
    public override string Name => "continuous-xor";
    public override int InputSize => 1;
    public override LossKind DefaultLoss => LossKind.MeanSquaredError;
    public override Lyapunov.InputKind Input => Lyapunov.InputKind.Uniform;
    protected override double Target(double[] sequence, int t, int output) => Math.Abs(sequence[t - Delay / 2] - sequence[t - Delay]);
}
