namespace Verified.Training.Tasks;

/// <summary>Spatial XOR: three binary channels, y_t = x¹_{t−d} ⊕ x²_{t−d} ⊕ x³_{t−d}; cross-entropy.</summary>
public sealed class SpatialXorTask(int delay) : DelayedTask(delay)
{
    /// <inheritdoc/>
    public override string Name => "spatial-xor";
    /// <inheritdoc/>
    public override int InputSize => 3;
    /// <inheritdoc/>
    public override bool HasAccuracy => true;
    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.BinaryCrossEntropy;
    /// <inheritdoc/>
    public override Lyapunov.InputKind Input => Lyapunov.InputKind.Bernoulli;

    /// <inheritdoc/>
    protected override double Target(SequenceView sequence, int t, int output)
    {
        var s = (t - Delay) * 3;
        return ((int)sequence[s] ^ (int)sequence[s + 1] ^ (int)sequence[s + 2]) & 1;
    }
}
