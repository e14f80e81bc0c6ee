using System.Text.Json.Serialization;
using Verified.Lyapunov;

namespace Verified.Flossing;

/// <summary>Options of a flossing run (the paper's Algorithm 1).</summary>
public sealed record FlossOptions
{
    public int K { get; init; } = 1;
    public int Epochs { get; init; } = 100;
    /// <summary>Horizon T_f.</summary>
    public int Steps { get; init; } = 300;
    /// <summary>Steps at the start of each horizon whose log R_ii are not counted (the state's transient).</summary>
    public int Transient { get; init; } = 50;
    public int Tons { get; init; } = 1;
    /// <summary>Target λ* of every flossed exponent, in the exponents' unit (per unit time for a cell with a time step).</summary>
    public double Target { get; init; }
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Per-parameter gradient-norm bound; null for none.</summary>
    public double? Clip { get; init; }
    /// <summary>Steps between checkpoints of the reverse pass (0: keep the whole horizon).</summary>
    public int CheckpointEvery { get; init; }
    public InputKind Input { get; init; } = InputKind.Gaussian;
    public ulong Seed { get; init; } = 1;
    /// <summary>Names of the flossed parameters; null for all but a [TimeStep] parameter (Δt is flossed only when named).</summary>
    public IReadOnlyList<string>? Parameters { get; init; }

    /// <summary>The horizon's part of these options (derived, so not written with them).</summary>
    [JsonIgnore]
    public FlossingHorizon Horizon => new(K, Steps, Transient, Tons, Target) { CheckpointEvery = CheckpointEvery };
}

/// <summary>
/// One flossing epoch: the loss, the k flossed exponents of its horizon, descending, with the column
/// of Q (0-based QR order, the order of the loss) each came from, and its wall time.
/// </summary>
public sealed record FlossEpoch(int Epoch, double Loss, double[] Exponents, int[] QrOrder, double Seconds);
