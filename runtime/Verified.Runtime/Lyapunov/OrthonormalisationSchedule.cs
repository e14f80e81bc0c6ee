namespace Verified.Lyapunov;

/// <summary>
/// When Benettin's algorithm factors Q̃ = D_s ⋯ D_r Q_r = Q R and which log R_ii enter λ: the one
/// rule of <see cref="LyapunovSpectrum"/> and <see cref="Flossing.FlossingProblem{T}"/>. Over
/// <see cref="Steps"/> tangent steps s = 0, 1, …, the first <see cref="Transient"/> not counted, a QR
/// follows every t_ONS-th step counted from the end of the transient, and the last step. One QR
/// therefore falls on the end of the transient, so the R of a QR after a counted step covers only
/// counted steps, and the counted R factors cover exactly Steps − Transient steps. As
/// diag(R_j ⋯ R_1) = Π_j diag R_j and the QR of a product is unique with diag R &gt; 0, the estimate
/// λ_i = Σ log R_ii / (Steps − Transient) is the same for every t_ONS as for t_ONS = 1, up to rounding.
/// </summary>
public readonly record struct OrthonormalisationSchedule
{
    /// <summary>A schedule of <paramref name="steps"/> tangent steps whose first <paramref name="transient"/> are not counted, a QR every <paramref name="orthonormaliseEvery"/> steps from the end of the transient.</summary>
    public OrthonormalisationSchedule(int steps, int transient, int orthonormaliseEvery)
    {
        if (orthonormaliseEvery < 1 || transient < 0 || steps <= transient)
        {
            throw new ArgumentOutOfRangeException(nameof(steps),
                $"a schedule needs t_ONS ≥ 1 and more steps than its transient ≥ 0 (steps {steps}, transient {transient}, t_ONS {orthonormaliseEvery})");
        }
        (Steps, Transient, OrthonormaliseEvery) = (steps, transient, orthonormaliseEvery);
    }

    /// <summary>Tangent steps of the run, the transient included.</summary>
    public int Steps { get; }

    /// <summary>Steps at the start whose R factors are not counted.</summary>
    public int Transient { get; }

    /// <summary>Steps between re-orthonormalisations, t_ONS.</summary>
    public int OrthonormaliseEvery { get; }

    /// <summary>Steps whose R factors enter λ: the divisor of Σ log R_ii.</summary>
    public int CountedSteps => Steps - Transient;

    /// <summary>Whether Q̃ is factored after step <paramref name="step"/> (0-based).</summary>
    public bool FactorsAfter(int step) => step == Steps - 1 || (step + 1 - Transient) % OrthonormaliseEvery == 0;

    /// <summary>Whether the R of a QR after step <paramref name="step"/> enters λ: it covers counted steps only.</summary>
    public bool Counts(int step) => step >= Transient;

    /// <summary>Counted steps up to and including <paramref name="step"/>: the divisor of a running estimate after it.</summary>
    public int CountedThrough(int step) => Math.Max(0, step + 1 - Transient);
}
