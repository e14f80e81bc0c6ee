using System.Text.Json.Serialization;

namespace Verified.Lyapunov;

/// <summary>Options of the Benettin estimate (the paper's Algorithm 2).</summary>
public sealed record SpectrumOptions
{
    /// <summary>Points of the running estimate when <see cref="RecordEvery"/> is left out: enough for a convergence plot, few enough that a run's memory does not grow with its length.</summary>
    public const int RunningPoints = 250;

    /// <summary>Number of exponents k ≤ n.</summary>
    public int K { get; init; } = 1;
    /// <summary>Steps whose log R_ii are accumulated.</summary>
    public int Steps { get; init; } = 1000;
    /// <summary>Steps that relax the state before Q starts.</summary>
    public int Transient { get; init; } = 100;
    /// <summary>Steps that relax Q before log R_ii are accumulated.</summary>
    public int QTransient { get; init; } = 100;
    /// <summary>Steps between re-orthonormalisations, t_ONS (written as "tons", the CLI's --tons).</summary>
    [JsonPropertyName("tons")]
    public int OrthonormaliseEvery { get; init; } = 1;
    /// <summary>The input fed to the network at every step.</summary>
    public InputKind Input { get; init; } = InputKind.None;

    /// <summary>Seed of h_0, Q_0 and the inputs.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Also compute the mean of log|det D_s| (Σλ's identity); costs a Jacobian and an LU per step.</summary>
    public bool TrackLogDet { get; init; } = true;
    /// <summary>Steps between records of the running estimate (at the first re-orthonormalisation at or after each multiple, and at the end); null for ⌈Steps / <see cref="RunningPoints"/>⌉.</summary>
    public int? RecordEvery { get; init; }
    /// <summary>Counted steps per window of the finite-time exponents (<see cref="FiniteTimeWindows"/>), a multiple of t_ONS; null for none.</summary>
    public int? Window { get; init; }
    /// <summary>Initial state; null draws h_0 ~ N(0, 1).</summary>
    public double[]? InitialState { get; init; }
    /// <summary>Initial tangent vectors (n×k, feature-major), orthonormalised before the first step; null draws them N(0, 1).</summary>
    public double[]? InitialBasis { get; init; }

    /// <summary>The steps between records of the running estimate that this run uses.</summary>
    public int RecordInterval => RecordEvery ?? Math.Max(1, (int)Math.Ceiling(Steps / (double)RunningPoints));
}
