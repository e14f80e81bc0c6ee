using Verified.Random;

namespace Verified.Training.Tasks;

public enum LossKind { MeanSquaredError, BinaryCrossEntropy }

/// <summary>
/// A delayed-memory task of the paper's appendix H: a seeded stream of inputs x_t and targets
/// y_t defined only where they can be (t ≥ d). Batches are feature-major per step, as the kernels
/// want them: input i of sequence j at step t is at inputs[(t·I + i)·b + j].
/// </summary>
public abstract class DelayedTask
{
    protected DelayedTask(int delay)
    {
        if (delay < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "the delay must be at least 1");
        }
        Delay = delay;
    }

    public int Delay { get; }
    public abstract string Name { get; }
    public abstract int InputSize { get; }
    public virtual int OutputSize => 1;
    public abstract LossKind DefaultLoss { get; }

    /// <summary>A batch of <paramref name="batch"/> sequences of <paramref name="steps"/> steps.</summary>
    public TaskBatch Generate(Rng rng, int batch, int steps)
    {
        if (steps <= Delay)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"sequences must be longer than the delay {Delay}");
        }
        var inputs = new double[steps * InputSize * batch];
        var targets = new double[steps * OutputSize * batch];
        for (var j = 0; j < batch; j++)
        {
            var sequence = new double[steps * InputSize];
            for (var i = 0; i < sequence.Length; i++)
            {
                sequence[i] = Sample(rng);
            }
            for (var t = 0; t < steps; t++)
            {
                for (var i = 0; i < InputSize; i++)
                {
                    inputs[(t * InputSize + i) * batch + j] = sequence[t * InputSize + i];
                }
                if (t >= Delay)
                {
                    for (var o = 0; o < OutputSize; o++)
                    {
                        targets[(t * OutputSize + o) * batch + j] = Target(sequence, t, o);
                    }
                }
            }
        }
        return new TaskBatch(inputs, targets, batch, steps, InputSize, OutputSize, Delay);
    }

    /// <summary>One input value.</summary>
    protected abstract double Sample(Rng rng);

    /// <summary>Target o at step t ≥ d of one sequence (inputs of step s at sequence[s·I ..]).</summary>
    protected abstract double Target(double[] sequence, int t, int output);

    public static DelayedTask Create(string name, int delay) => name switch
    {
        "copy" => new CopyTask(delay),
        "xor" => new TemporalXorTask(delay),
        "spatial-xor" => new SpatialXorTask(delay),
        _ => throw new ArgumentException($"unknown task '{name}'; the tasks are copy, xor and spatial-xor", nameof(name)),
    };
}

/// <summary>Inputs and targets of a batch; targets at steps before the delay are undefined (zero, not scored).</summary>
public sealed record TaskBatch(double[] Inputs, double[] Targets, int Batch, int Steps, int InputSize, int OutputSize, int Delay)
{
    public ReadOnlySpan<double> InputAt(int step) => Inputs.AsSpan(step * InputSize * Batch, InputSize * Batch);
    public ReadOnlySpan<double> TargetAt(int step) => Targets.AsSpan(step * OutputSize * Batch, OutputSize * Batch);
}
