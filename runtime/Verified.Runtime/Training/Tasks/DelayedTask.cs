using Verified.Randomness;

namespace Verified.Training.Tasks;

/// <summary>The training loss.</summary>
public enum LossKind
{
    /// <summary>Mean squared error of the outputs against the targets.</summary>
    MeanSquaredError,
    /// <summary>Binary cross-entropy of the outputs as logits against 0/1 targets.</summary>
    BinaryCrossEntropy,
}

/// <summary>
/// A delayed-memory task of the paper's appendix H: a seeded stream of inputs x_t and targets
/// y_t defined only where they can be (t ≥ d). Batches are feature-major per step, as the kernels
/// want them: input i of sequence j at step t is at inputs[(t·I + i)·b + j].
/// </summary>
public abstract class DelayedTask
{
    /// <summary>A task with delay <paramref name="delay"/> ≥ 1.</summary>
    protected DelayedTask(int delay)
    {
        if (delay < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "the delay must be at least 1");
        }
        Delay = delay;
    }

    /// <summary>The delay d: targets depend on inputs up to d steps back.</summary>
    public int Delay { get; }

    /// <summary>The task's name ("copy").</summary>
    public abstract string Name { get; }

    /// <summary>Input channels per step.</summary>
    public abstract int InputSize { get; }

    /// <summary>Target channels per step.</summary>
    public virtual int OutputSize => 1;

    /// <summary>
    /// Whether the test accuracy means anything: true when every target is a bit, 0 or 1 (xor, spatial-xor, copy on bits).
    /// The accuracy (<see cref="Bptt{T}.Evaluate"/>) is the share of target values whose output, after a sigmoid for
    /// logits, falls on the same side of 0.5; on real-valued targets (copy on x ~ U(0, 1), continuous-xor) that is no
    /// measure of the task, and it is left out of what is reported.
    /// </summary>
    public abstract bool HasAccuracy { get; }

    /// <summary>The loss the task is trained with unless another is chosen.</summary>
    public abstract LossKind DefaultLoss { get; }

    /// <summary>The distribution of every input value: what flossing feeds the network when it floss with the task's input.</summary>
    public abstract Lyapunov.InputKind Input { get; }

    /// <summary>A batch of <paramref name="batch"/> sequences of <paramref name="steps"/> steps.</summary>
    public TaskBatch Generate(Rng rng, int batch, int steps)
    {
        if (steps <= Delay)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"sequences must be longer than the delay {Delay}");
        }
        var generated = new TaskBatch(new double[steps * InputSize * batch], new double[steps * OutputSize * batch], batch, steps, InputSize, OutputSize, Delay);
        Fill(rng, generated);
        return generated;
    }

    /// <summary>Overwrites a batch of this task's shape with fresh sequences, allocating nothing: one per training epoch.</summary>
    public void Fill(Rng rng, TaskBatch target)
    {
        if (target.Delay != Delay || target.InputSize != InputSize || target.OutputSize != OutputSize)
        {
            throw new ArgumentException("the batch was made for another task", nameof(target));
        }
        var (inputs, targets, batch, steps) = (target.Inputs, target.Targets, target.Batch, target.Steps);
        var values = steps * InputSize;
        for (var j = 0; j < batch; j++)
        {
            // Sequence j's values in draw order k = t·I + i, written in place at k·b + j.
            for (var k = 0; k < values; k++)
            {
                inputs[k * batch + j] = Sample(rng);
            }
            var sequence = new SequenceView(inputs, batch, j);
            for (var t = Delay; t < steps; t++)
            {
                for (var o = 0; o < OutputSize; o++)
                {
                    targets[(t * OutputSize + o) * batch + j] = Target(sequence, t, o);
                }
            }
        }
    }

    /// <summary>One input value, drawn from <see cref="Input"/>.</summary>
    protected double Sample(Rng rng) => Input switch
    {
        Lyapunov.InputKind.Uniform => rng.NextDouble(),
        Lyapunov.InputKind.Bernoulli => rng.NextDouble() < 0.5 ? 0 : 1,
        var other => throw new NotSupportedException($"tasks draw uniform or Bernoulli inputs, not {other}"),
    };

    /// <summary>Target o at step t ≥ d of one sequence (inputs of step s at sequence[s·I ..]).</summary>
    protected abstract double Target(SequenceView sequence, int t, int output);

    /// <summary>The tasks <see cref="Create"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["copy", "xor", "continuous-xor", "spatial-xor"];

    /// <summary>The input distribution of the task called <paramref name="name"/> as the paper defines it (appendix H); null for an unknown name.</summary>
    public static Lyapunov.InputKind? OwnInput(string name) => name switch
    {
        "copy" or "continuous-xor" => Lyapunov.InputKind.Uniform,
        "xor" or "spatial-xor" => Lyapunov.InputKind.Bernoulli,
        _ => null,
    };

    /// <summary>
    /// The task called <paramref name="name"/> with delay <paramref name="delay"/>, drawing its inputs from <paramref name="input"/>
    /// (null: the task's own; only the copy task takes another, uniform or Bernoulli).
    /// </summary>
    /// <exception cref="ArgumentException">No task has that name, or it cannot draw its inputs from <paramref name="input"/>.</exception>
    public static DelayedTask Create(string name, int delay, Lyapunov.InputKind? input = null)
    {
        if (input is { } kind && kind != OwnInput(name) && (name != "copy" || kind is not (Lyapunov.InputKind.Uniform or Lyapunov.InputKind.Bernoulli)))
        {
            throw new ArgumentException($"the {name} task draws its inputs from its own distribution; another input distribution (uniform or bernoulli) applies to the copy task only");
        }
        return Make(name, delay, input ?? OwnInput(name) ?? Lyapunov.InputKind.Uniform);
    }

    private static DelayedTask Make(string name, int delay, Lyapunov.InputKind input) => name switch
    {
        "copy" => new CopyTask(delay, input),
        "xor" => new TemporalXorTask(delay),
        "continuous-xor" => new TemporalXorTask(delay, continuous: true),
        "spatial-xor" => new SpatialXorTask(delay),
        _ => throw new ArgumentException($"unknown task '{name}'; the tasks are {string.Join(", ", Names)}", nameof(name)),
    };
}

/// <summary>Inputs and targets of a batch; targets at steps before the delay are undefined (zero, not scored).</summary>
/// <param name="Inputs">Inputs, feature-major per step: input i of sequence j at step t at (t·I + i)·b + j.</param>
/// <param name="Targets">Targets in the same order, output o at (t·O + o)·b + j.</param>
/// <param name="Batch">Sequences b.</param>
/// <param name="Steps">Steps T.</param>
/// <param name="InputSize">Input channels I.</param>
/// <param name="OutputSize">Target channels O.</param>
/// <param name="Delay">The task's delay d.</param>
public sealed record TaskBatch(double[] Inputs, double[] Targets, int Batch, int Steps, int InputSize, int OutputSize, int Delay)
{
    /// <summary>The b·I inputs of step <paramref name="step"/>.</summary>
    public ReadOnlySpan<double> InputAt(int step) => Inputs.AsSpan(step * InputSize * Batch, InputSize * Batch);
    /// <summary>The b·O targets of step <paramref name="step"/>.</summary>
    public ReadOnlySpan<double> TargetAt(int step) => Targets.AsSpan(step * OutputSize * Batch, OutputSize * Batch);
}
