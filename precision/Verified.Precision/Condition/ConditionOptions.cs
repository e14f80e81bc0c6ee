using Verified.Lyapunov;

namespace Verified.Precision.Condition;

/// <summary>Options of a condition run (the paper's Fig 2).</summary>
public sealed record ConditionOptions
{
    /// <summary>Numbers of columns m of Q (κ2(T_t Q) for each).</summary>
    public IReadOnlyList<int> M { get; init; } = [15];
    /// <summary>Horizons t − τ at which κ2 is reported.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [10, 20, 30, 40, 50];
    /// <summary>Working precision: 256 or 512 bits.</summary>
    public int Bits { get; init; } = 256;
    /// <summary>Steps that relax the state before τ.</summary>
    public int Transient { get; init; } = 200;
    /// <summary>Steps of the long double run that gives the asymptotic exponents for Eq 10.</summary>
    public int SpectrumSteps { get; init; } = 5000;
    /// <summary>The input fed to the network at every step.</summary>
    public InputKind Input { get; init; } = InputKind.None;

    /// <summary>Seed of h_0, Q and the inputs.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>The state the trajectory starts from before its transient (n values); null: drawn N(0, 1) from <see cref="Seed"/>.</summary>
    public double[]? InitialState { get; init; }
}

/// <summary>
/// A condition run: its points, the spectrum (descending, in <see cref="SpectrumResult.Unit"/>, with
/// the QR column of each) whose first m exponents give Eq 10's estimate at m, and the finite-time
/// exponents of Eq 3 at every horizon (from the widest m).
/// </summary>
public sealed record ConditionResult(SpectrumResult Spectrum, IReadOnlyList<ConditionPoint> Points, IReadOnlyList<FiniteTimeSpectrum> FiniteTime);

/// <summary>One (m, horizon) point: κ2 numeric (null where the precision cannot resolve it), by Eq 10, and the finite-time bound.</summary>
/// <param name="M">Columns m of Q.</param>
/// <param name="Horizon">The horizon t − τ in steps.</param>
/// <param name="Flossed">A label: whether the network was flossed before (the caller says).</param>
/// <param name="Log10KappaNumeric">log10 κ2(T_t Q) at the working precision; null when not resolved.</param>
/// <param name="Log10KappaEq10">log10 of Eq 10's estimate exp((λ1 − λm)(t − τ)).</param>
/// <param name="Log10KappaFiniteTime">log10 of the finite-time lower bound exp(max_i S_i − min_i S_i).</param>
/// <param name="Resolved">log2 κ2 + <see cref="ConditionRun.Margin"/> is within the working precision.</param>
public sealed record ConditionPoint(int M, int Horizon, bool Flossed, double? Log10KappaNumeric, double Log10KappaEq10, double Log10KappaFiniteTime, bool Resolved);
