using Verified.Resources;
using Verified.Training;
using Buffer = Verified.Resources.Buffer;

namespace Verified.Cli.Commands;

/// <summary>The large buffers of each command's run, from its layout and options, checked by <see cref="MemoryBudget"/> before any work.</summary>
public static class Footprints
{
    private const int Double = sizeof(double);

    /// <summary>θ, the n×k basis and its tangent; with k = n the Jacobian and its LU factors for log|det D|; the recorded points of the running estimate and the windows' finite-time exponents (the inputs are drawn step by step).</summary>
    public static void Spectrum(CellLayout layout, int k, bool trackLogDet, int runningPoints, int windows = 0) => MemoryBudget.Require($"a spectrum of {layout.Spec.Name} at n = {layout.StateSize}",
        new Buffer("parameter vector", layout.ParameterCount, Double),
        new Buffer("tangent basis", 3 * MemoryBudget.Product(layout.StateSize, k), Double),
        new Buffer("Jacobian and its LU factors", trackLogDet ? 2 * MemoryBudget.Product(layout.StateSize, layout.StateSize) : 0, Double),
        new Buffer("running estimate", MemoryBudget.Product(runningPoints, k + 1), Double),
        new Buffer("finite-time exponents of the windows", MemoryBudget.Product(windows, k), Double));

    /// <summary>θ, its gradient and Adam's moments, and the stored horizon: states and bases of a segment of c steps (all T_f without checkpointing) and every checkpoint.</summary>
    public static void Flossing(CellLayout layout, int k, int horizon, int checkpointEvery, int elementBytes)
    {
        var segment = checkpointEvery == 0 ? horizon : Math.Min(checkpointEvery, horizon);
        // In long: a horizon near int.MaxValue must be refused by its size, not wrap to a negative count.
        var checkpoints = (horizon + (long)segment - 1) / segment + 1;
        MemoryBudget.Require($"flossing {k} exponents of {layout.Spec.Name} at n = {layout.StateSize} over {horizon} steps",
            new Buffer("parameter vector, its gradient and Adam's moments", 6L * layout.ParameterCount, Double),
            new Buffer("stored bases of the horizon", MemoryBudget.Product(segment + checkpoints, layout.StateSize, k), elementBytes),
            new Buffer("stored R factors", MemoryBudget.Product(segment, k, k), elementBytes),
            new Buffer("Jacobian-free pullback buffers", 6 * MemoryBudget.Product(layout.StateSize, k), elementBytes));
    }

    /// <summary>θ, gradient and Adam's moments; the states and tape of the training batch and of the test set over T steps; and the flossing of a training run.</summary>
    public static void Training(CellLayout layout, int outputs, TrainOptions options)
    {
        var model = new RecurrentModel(layout, outputs);
        var kernels = layout.Spec.CreateKernels<double>(layout);
        long Tape(int batch) => MemoryBudget.Product(options.Steps, kernels.TapeLength(batch));
        MemoryBudget.Require($"training {layout.Spec.Name} at n = {layout.StateSize} on {options.Steps} steps",
            new Buffer("parameter vector, its gradient and Adam's moments", 4L * model.ParameterCount, Double),
            new Buffer("states of the training batch", MemoryBudget.Product(options.Steps + 1L, layout.StateSize, options.Batch), Double),
            new Buffer("tape of the training batch", Tape(options.Batch), Double),
            new Buffer("states of the test set", MemoryBudget.Product(options.Steps + 1L, layout.StateSize, options.TestBatch), Double),
            new Buffer("tape of the test set", Tape(options.TestBatch), Double));
        if (options.Flossing != FlossingSchedule.None)
        {
            Flossing(layout, options.FlossK, options.FlossSteps, 0, Double);
        }
    }

    /// <summary>
    /// The long-term product T_t Q (n×m) and one Jacobian at the working precision (about 2·bits/8 bytes
    /// a number with its exponent and sign), and its SVD's copy; the inputs of the trajectory's
    /// <paramref name="steps"/> steps; the <paramref name="horizons"/> horizons; and, for each of
    /// <paramref name="measurements"/> measurements, a point (κ2 and its bounds) at each horizon for each of <paramref name="ms"/> values of m.
    /// </summary>
    public static void Condition(CellLayout layout, int m, int bits, long steps, long horizons, int ms, int measurements) => MemoryBudget.Require($"κ2 of {layout.Spec.Name} at n = {layout.StateSize}, m = {m}, {bits} bits",
        new Buffer("Jacobian at the working precision", MemoryBudget.Product(layout.StateSize, layout.StateSize), 2 * bits / 8 + 16),
        new Buffer("long-term product and its SVD", 3 * MemoryBudget.Product(layout.StateSize, m), 2 * bits / 8 + 16),
        new Buffer("parameter vector", layout.ParameterCount, Double),
        new Buffer("inputs of the trajectory", MemoryBudget.Product(layout.InputSize, steps), Double),
        new Buffer("horizons", horizons, sizeof(int)),
        new Buffer("points (κ2 and its bounds per horizon and m)", MemoryBudget.Product(measurements, horizons, ms), ConditionPointBytes));

    /// <summary>
    /// One point of a κ2 run as it is held: a ConditionPoint object (a 16-byte header, two ints, two bools, three
    /// doubles of which one nullable: 64 bytes on a 64-bit runtime) and its slot in a list that grows by doubling (up to 16).
    /// </summary>
    private const int ConditionPointBytes = 80;

    /// <summary>The checks form dense Jacobians (n×n and n×P) by finite differences, in double and float.</summary>
    public static void Check(CellLayout layout) => MemoryBudget.Require($"the derivative checks of {layout.Spec.Name} at n = {layout.StateSize}",
        new Buffer("dense Jacobians", 6 * MemoryBudget.Product(layout.StateSize, layout.StateSize), Double),
        new Buffer("parameter Jacobian", 2 * MemoryBudget.Product(layout.StateSize, layout.ParameterCount), Double));
}
