using System.Numerics;
using Verified.Dense;

namespace Verified.Lyapunov;

/// <summary>
/// One step of the tangent system that the spectrum, the flossing loss and the covariant vectors all
/// advance (docs/design.md, "The spectrum"): h_{s+1} = f(h_s, x_{s+1}; θ), Q̃ = D_s Q_s, and, when
/// <see cref="Schedule"/> factors after step s, Q_{s+1} R = qr(Q̃) with diag R &gt; 0. The caller owns
/// every state, basis and R: it passes the spans of one step, so that it streams them through two
/// buffers (the spectrum) or stores them for a later pass (the flossing gradient, the backward pass of
/// the covariant vectors). Holds the QR and its tangent workspace; nothing is allocated per step.
/// </summary>
public sealed class TangentStepper<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CellKernels<T> _kernels;
    private readonly HouseholderQr<T> _qr;
    private readonly AlignedArray<T> _tangent;
    private readonly int _stepsBefore;

    /// <summary>A stepper of k tangent columns on <paramref name="schedule"/>'s steps.</summary>
    /// <param name="kernels">The cell's kernels.</param>
    /// <param name="k">Tangent columns, 1 ≤ k ≤ n.</param>
    /// <param name="schedule">When Q̃ is factored.</param>
    /// <param name="stepsBefore">Steps of the run before tangent step 0 (a state-only transient): a diverged step is reported counted from the run's start.</param>
    public TangentStepper(CellKernels<T> kernels, int k, OrthonormalisationSchedule schedule, int stepsBefore = 0)
    {
        if (k < 1 || k > kernels.StateSize)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and the state size {kernels.StateSize}, not {k}");
        }
        (_kernels, K, Schedule, _stepsBefore) = (kernels, k, schedule, stepsBefore);
        _qr = new HouseholderQr<T>(kernels.StateSize, k);
        _tangent = new AlignedArray<T>(kernels.StateSize * k);
    }

    /// <summary>Tangent columns k.</summary>
    public int K { get; }

    /// <summary>When Q̃ is factored, and which R factors count.</summary>
    public OrthonormalisationSchedule Schedule { get; }

    /// <summary>
    /// Tangent step <paramref name="step"/> from (h_s, Q_s): writes h_{s+1} to <paramref name="next"/> and
    /// Q_{s+1} to <paramref name="nextBasis"/>, Q̃ itself when no QR follows the step, else its Q factor and
    /// its R to <paramref name="r"/> (k×k). Returns whether the step was factored.
    /// </summary>
    /// <exception cref="TrajectoryDivergedException">h_{s+1} or Q̃ is not finite; the step is counted from the run's start.</exception>
    public bool Advance(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> basis,
        Span<T> next, Span<T> nextBasis, Span<T> r, int step)
    {
        var factors = Schedule.FactorsAfter(step);
        var tangent = factors ? _tangent.Span : nextBasis;
        _kernels.Tangent(theta, state, input, basis, tangent, K);
        _kernels.Step(theta, state, input, next);
        if (!Finite.All<T>(next))
        {
            throw new TrajectoryDivergedException(_stepsBefore + step + 1, "state");
        }
        if (!factors)
        {
            return false;
        }
        if (!Finite.All<T>(tangent))
        {
            throw new TrajectoryDivergedException(_stepsBefore + step + 1, "tangent vectors");
        }
        _qr.Factor(tangent, nextBasis, r);
        return true;
    }

    /// <summary>An orthonormal Q (n×k) and R from <paramref name="columns"/> (n×k), as after a step: the start Q_0 of a run.</summary>
    public void Orthonormalise(ReadOnlySpan<T> columns, Span<T> basis, Span<T> r) => _qr.Factor(columns, basis, r);

    /// <summary>sums[i] += log R_ii (in double) for the k diagonal entries of <paramref name="r"/>.</summary>
    public void AddLogDiagonal(ReadOnlySpan<T> r, Span<double> sums)
    {
        for (var i = 0; i < K; i++)
        {
            sums[i] += Math.Log(double.CreateTruncating(r[i * K + i]));
        }
    }
}
