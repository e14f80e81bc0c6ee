using System.Text.Json.Serialization;
using Verified.Lyapunov;

namespace Verified.Flossing;

/// <summary>Options of a flossing run (the paper's Algorithm 1).</summary>
public sealed record FlossOptions
{
    /// <summary>The number k of flossed exponents (the largest k).</summary>
    public int K { get; init; } = 1;

    /// <summary>Flossing epochs: one horizon, one exact gradient and one Adam update each.</summary>
    public int Epochs { get; init; } = 100;
    /// <summary>Horizon T_f.</summary>
    public int Steps { get; init; } = 300;
    /// <summary>Steps at the start of each horizon whose log R_ii are not counted (the state's transient); by default <see cref="TransientFor"/> of the default horizon.</summary>
    public int Transient { get; init; } = TransientFor(300);
    /// <summary>Steps between re-orthonormalisations, t_ONS (written as "tons", the CLI's --tons).</summary>
    [JsonPropertyName("tons")]
    public int OrthonormaliseEvery { get; init; } = 1;
    /// <summary>Target λ* of every flossed exponent, in the exponents' unit (per unit time for a cell with a time step).</summary>
    public double Target { get; init; }
    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Per-parameter gradient-norm bound; null for none.</summary>
    public double? Clip { get; init; }
    /// <summary>Steps between checkpoints of the reverse pass (0: keep the whole horizon).</summary>
    public int CheckpointEvery { get; init; }
    /// <summary>The input fed to the network during each horizon; none by default, as for <see cref="SpectrumOptions.Input"/>, since a cell need not have an input.</summary>
    public InputKind Input { get; init; } = InputKind.None;

    /// <summary>Seed of the initial states and the inputs.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Names of the flossed parameters; null for all but a [TimeStep] parameter (Δt is flossed only when named).</summary>
    public IReadOnlyList<string>? Parameters { get; init; }

    /// <summary>The transient a horizon of <paramref name="steps"/> leaves uncounted unless told otherwise: a fifth of it, at most 50 steps.</summary>
    public static int TransientFor(int steps) => Math.Min(50, steps / 5);

    /// <summary>The horizon these options describe (derived, so not written with them).</summary>
    [JsonIgnore]
    public FlossingHorizon Horizon => new(K, Steps, Transient, OrthonormaliseEvery, Target) { CheckpointEvery = CheckpointEvery };
}

/// <summary>One flossing epoch.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Loss">The flossing loss Σᵢ (λᵢ − λ*)² over the first k columns of Q (QR order), before the epoch's update.</param>
/// <param name="Exponents">The k flossed exponents measured over the epoch's horizon, descending.</param>
/// <param name="QrOrder">The column of Q (0-based QR order, the order of the loss) each exponent came from.</param>
/// <param name="Seconds">The epoch's wall time.</param>
public sealed record FlossEpoch(int Epoch, double Loss, double[] Exponents, int[] QrOrder, double Seconds);
