namespace Verified.Lyapunov.Covariant;

/// <summary>Options of the covariant Lyapunov vectors (Ginelli et al. 2007's forward–backward method).</summary>
public sealed record CovariantOptions
{
    /// <summary>Number of vectors k ≤ n (the k leading ones).</summary>
    public int K { get; init; } = 1;
    /// <summary>Steps of the window whose vectors can be recorded.</summary>
    public int Steps { get; init; } = 1000;
    /// <summary>Steps that relax the state before Q starts.</summary>
    public int Transient { get; init; } = 100;
    /// <summary>The forward transient: steps that relax Q (towards the backward Lyapunov vectors) before the window.</summary>
    public int ForwardTransient { get; init; } = 100;
    /// <summary>The backward transient: steps after the window whose R factors relax the coefficients C before the window is reached backwards.</summary>
    public int BackwardTransient { get; init; } = 100;
    /// <summary>Steps between recorded vectors: window steps 0, RecordEvery, 2·RecordEvery, … below <see cref="Steps"/>.</summary>
    public int RecordEvery { get; init; } = 10;
    /// <summary>The input fed to the network at every step.</summary>
    public InputKind Input { get; init; } = InputKind.None;
    /// <summary>Seed of h_0, Q_0 and the inputs.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Initial state; null draws h_0 ~ N(0, 1).</summary>
    public double[]? InitialState { get; init; }

    /// <summary>Recorded steps: ⌈Steps / RecordEvery⌉.</summary>
    public int RecordedSteps => (int)(((long)Steps + RecordEvery - 1) / RecordEvery);

    /// <summary>Steps whose R factors are stored for the backward pass: the window and the backward transient.</summary>
    public long StoredFactors => (long)Steps + BackwardTransient;
}
