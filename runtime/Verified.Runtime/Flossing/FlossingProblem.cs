using System.Numerics;
using System.Runtime.CompilerServices;
using Verified.Dense;
using Verified.Lyapunov;

namespace Verified.Flossing;

/// <summary>
/// The horizon of one flossing loss: k exponents over T_f steps, the first <see cref="Transient"/> not
/// counted, re-orthonormalised by <see cref="OrthonormalisationSchedule"/>; <see cref="Target"/> is in
/// the exponents' unit (<see cref="ExponentUnit"/>).
/// </summary>
/// <param name="K">The number k of flossed exponents.</param>
/// <param name="Steps">The horizon T_f.</param>
/// <param name="Transient">Steps at the start whose log R_ii are not counted.</param>
/// <param name="OrthonormaliseEvery">Steps between re-orthonormalisations, t_ONS.</param>
/// <param name="Target">The target λ* of every flossed exponent.</param>
public sealed record FlossingHorizon(int K, int Steps, int Transient, int OrthonormaliseEvery, double Target)
{
    /// <summary>Steps between stored checkpoints; the reverse pass recomputes each segment from its checkpoint. 0: store everything.</summary>
    public int CheckpointEvery { get; init; }
}

/// <summary>
/// The flossing loss L = Σ_{i≤k} (λ_i − λ*)² over a horizon of T_f steps (the paper's Algorithm 1),
/// λ_i over the first k columns of Q (QR order) and in <see cref="ExponentUnit"/> (per unit time
/// for a cell with a time step: λ_i = Σ log R_ii / (steps · Δt)), and its exact gradient: through every QR step and through the trajectory h_s, by docs/design.md's
/// reverse pass (StepVjp for the first-order term, TangentVjp for the second-order term and
/// Q̄_s = D_sᵀ Q̃̄, QrPullback for Q̃̄). The forward pass is <see cref="TangentStepper{T}"/>'s, storing
/// every state, basis and R of a segment. Memory O(c·n·k) for segments of c steps (c = T_f without
/// checkpointing); buffers are reused across calls, so nothing is allocated per step.
/// </summary>
public sealed class FlossingProblem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CellLayout _layout;
    private readonly CellKernels<T> _kernels;
    private readonly FlossingHorizon _horizon;
    private readonly OrthonormalisationSchedule _schedule;
    private readonly int _n, _k, _inputSize, _segment, _segments;
    private readonly T[] _checkpointStates;   // h at the start of every segment, and at the end
    private readonly T[] _checkpointBases;    // Q at the start of every segment, and at the end
    private readonly T[] _states;             // h_0 … h_c of the current segment
    private readonly AlignedArray<T> _bases;  // Q_0 … Q_c of the current segment; the n×k workspaces start on a cache line
    private readonly AlignedArray<T> _rs;     // R of each step of the segment that ends with a QR
    private readonly AlignedArray<T> _qBar, _qTildeBar;
    private readonly T[] _rBar, _hBar, _hBarNext;
    private readonly double[] _sums;
    private readonly TangentStepper<T> _stepper;
    private readonly QrPullback<T> _pullback;
    private int _storedSegment = -1;

    /// <summary>The loss of <paramref name="layout"/>'s cell over <paramref name="horizon"/>, with every buffer it needs.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="horizon">k, T_f, the transient, t_ONS and the target.</param>
    /// <param name="kernels">The kernels to run; null for the generated ones (a check passes others to show that it fails on them).</param>
    /// <exception cref="ArgumentOutOfRangeException">The horizon is not 1 ≤ k ≤ n, T_f &gt; transient ≥ 0, t_ONS ≥ 1.</exception>
    public FlossingProblem(CellLayout layout, FlossingHorizon horizon, CellKernels<T>? kernels = null)
    {
        _layout = layout;
        _kernels = kernels ?? layout.Spec.CreateKernels<T>(layout);
        _horizon = horizon;
        (_n, _k, _inputSize) = (layout.StateSize, horizon.K, layout.InputSize);
        if (_k < 1 || _k > _n || horizon.Steps <= horizon.Transient || horizon.Transient < 0 || horizon.OrthonormaliseEvery < 1 || horizon.CheckpointEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon),
                $"flossing needs 1 ≤ k ≤ n, T_f > transient ≥ 0, t_ONS ≥ 1 and a non-negative checkpoint interval (n={_n}, {horizon})");
        }
        Footprint(layout, horizon).Require();
        _schedule = new OrthonormalisationSchedule(horizon.Steps, horizon.Transient, horizon.OrthonormaliseEvery);
        _segment = Segment(horizon);
        _segments = (horizon.Steps + _segment - 1) / _segment;
        _checkpointStates = new T[(_segments + 1) * _n];
        _checkpointBases = new T[(_segments + 1) * _n * _k];
        _states = new T[(_segment + 1) * _n];
        _bases = new AlignedArray<T>((_segment + 1) * _n * _k);
        _rs = new AlignedArray<T>(_segment * _k * _k);
        _qBar = new AlignedArray<T>(_n * _k);
        _qTildeBar = new AlignedArray<T>(_n * _k);
        _rBar = new T[_k];
        _hBar = new T[_n];
        _hBarNext = new T[_n];
        _sums = new double[_k];
        _stepper = new TangentStepper<T>(_kernels, _k, _schedule);
        _pullback = new QrPullback<T>(_n, _k);
    }

    /// <summary>Steps between checkpoints: the checkpoint interval, or the whole horizon.</summary>
    private static int Segment(FlossingHorizon horizon) => horizon.CheckpointEvery == 0 ? horizon.Steps : Math.Min(horizon.CheckpointEvery, horizon.Steps);

    /// <summary>
    /// The buffers the constructor allocates: h and Q at every checkpoint, h_s and Q_s of one segment, its
    /// R factors, the n×k workspaces of the pullback and of the QR and its pullback, and the kernels' own
    /// (one state column, k tangent columns, no Jacobian).
    /// </summary>
    public static MemoryLimits.Footprint Footprint(CellLayout layout, FlossingHorizon horizon)
    {
        int n = layout.StateSize, k = horizon.K, bytes = Unsafe.SizeOf<T>();
        long segment = Segment(horizon);
        // In long: a horizon near int.MaxValue must be refused by its size, not wrap to a negative count.
        var checkpoints = (horizon.Steps + segment - 1) / segment + 1;
        return new MemoryLimits.Footprint($"flossing {k} exponents of {layout.Spec.Name} at n = {n} over {horizon.Steps} steps",
            new MemoryLimits.PlannedBuffer("stored states and bases of the horizon", MemoryLimits.MemoryBudget.Product(segment + 1 + checkpoints, n, k + 1L), bytes),
            new MemoryLimits.PlannedBuffer("stored R factors", MemoryLimits.MemoryBudget.Product(segment, k, k), bytes),
            new MemoryLimits.PlannedBuffer("Jacobian-free pullback buffers", 5 * MemoryLimits.MemoryBudget.Product(n, k) + 4 * MemoryLimits.MemoryBudget.Product(k, k), bytes),
            layout.Spec.CreateKernels<T>(layout).Scratch(1, k, jacobian: false));
    }

    /// <summary>Steps whose log R_ii enter λ.</summary>
    public int AccumulatedSteps => _schedule.CountedSteps;

    /// <summary>The unit of the exponents at θ: per unit time at θ's Δt for a cell with a time step, per step otherwise.</summary>
    public ExponentUnit Unit(ReadOnlySpan<T> theta) => ExponentUnit.Of(_layout, theta);

    /// <summary>Elements of T held for the reverse pass: O(c·n·k), c the checkpoint interval.</summary>
    public long StoredElements => _checkpointStates.Length + _checkpointBases.Length + _states.Length + _bases.Span.Length + _rs.Span.Length;

    private int SegmentLength(int segment) => Math.Min(_segment, _horizon.Steps - segment * _segment);

    /// <summary>The forward pass: λ (length k, QR order) of the horizon from h_0 and Q_0.</summary>
    public double[] Exponents(ReadOnlySpan<T> theta, ReadOnlySpan<T> h0, ReadOnlySpan<T> q0, ReadOnlySpan<T> inputs)
    {
        h0[.._n].CopyTo(_checkpointStates);
        q0[..(_n * _k)].CopyTo(_checkpointBases);
        Array.Clear(_sums);
        for (var segment = 0; segment < _segments; segment++)
        {
            RunSegment(theta, inputs, segment, accumulate: true);
        }
        var duration = AccumulatedSteps * Unit(theta).StepDuration;
        return _sums.Select(sum => sum / duration).ToArray();
    }

    /// <summary>L = Σᵢ (λᵢ − λ*)² of the measured exponents.</summary>
    public double Loss(double[] exponents) => exponents.Sum(lambda => (lambda - _horizon.Target) * (lambda - _horizon.Target));

    /// <summary>L and thetaBar = ∂L/∂θ (overwritten). Returns (loss, λ in QR order).</summary>
    public (double Loss, double[] Exponents) LossAndGradient(ReadOnlySpan<T> theta, ReadOnlySpan<T> h0, ReadOnlySpan<T> q0,
        ReadOnlySpan<T> inputs, Span<T> thetaBar)
    {
        int n = _n, k = _k;
        var exponents = Exponents(theta, h0, q0, inputs);
        var duration = AccumulatedSteps * Unit(theta).StepDuration;
        thetaBar.Clear();
        _qBar.Span.Clear();
        Array.Clear(_hBarNext);
        Array.Clear(_rBar);
        for (var segment = _segments - 1; segment >= 0; segment--)
        {
            if (_storedSegment != segment)
            {
                RunSegment(theta, inputs, segment, accumulate: false);
            }
            for (var j = SegmentLength(segment) - 1; j >= 0; j--)
            {
                var s = segment * _segment + j;
                var h = _states.AsSpan(j * n, n);
                var x = inputs.Slice(s * _inputSize, _inputSize);
                if (_schedule.FactorsAfter(s))
                {
                    // R̄ = diag(∂L/∂λ_i / (steps · Δt · R_ii)), zero inside the transient.
                    var r = _rs.Span.Slice(j * k * k, k * k);
                    for (var i = 0; i < k; i++)
                    {
                        _rBar[i] = _schedule.Counts(s)
                            ? T.CreateTruncating(2 * (exponents[i] - _horizon.Target) / duration) / r[i * k + i]
                            : T.Zero;
                    }
                    _pullback.BackwardDiagonal(_bases.Span.Slice((j + 1) * n * k, n * k), r, _qBar.Span, _rBar, _qTildeBar.Span);
                }
                else
                {
                    _qBar.Span.CopyTo(_qTildeBar.Span);
                }
                // h̄_s = D_sᵀ h̄_{s+1} + ∂/∂h_s⟨Q̃̄, D_s Q_s⟩;  θ̄ += (∂f/∂θ)ᵀ h̄_{s+1} + ∂/∂θ⟨Q̃̄, D_s Q_s⟩;  Q̄_s = D_sᵀ Q̃̄.
                _kernels.StepVjp(theta, h, x, _hBarNext, _hBar, thetaBar);
                _kernels.TangentVjp(theta, h, x, _bases.Span.Slice(j * n * k, n * k), _qTildeBar.Span, _qBar.Span, _hBar, thetaBar, k);
                _hBar.CopyTo(_hBarNext, 0);
            }
        }
        if (_layout.TimeStepParameter is { } timeStep)
        {
            // λ_i = S_i / (steps · Δt) depends on Δt also through its divisor: ∂λ_i/∂Δt adds −λ_i / Δt.
            var dt = double.CreateTruncating(theta[timeStep.Offset]);
            var divisorTerm = exponents.Sum(lambda => 2 * (lambda - _horizon.Target) * -lambda / dt);
            thetaBar[timeStep.Offset] += T.CreateTruncating(divisorTerm);
        }
        return (Loss(exponents), exponents);
    }

    /// <summary>Runs one segment from its checkpoint, storing its states, bases and R factors.</summary>
    private void RunSegment(ReadOnlySpan<T> theta, ReadOnlySpan<T> inputs, int segment, bool accumulate)
    {
        int n = _n, k = _k;
        _checkpointStates.AsSpan(segment * n, n).CopyTo(_states);
        _checkpointBases.AsSpan(segment * n * k, n * k).CopyTo(_bases.Span);
        var length = SegmentLength(segment);
        for (var j = 0; j < length; j++)
        {
            var s = segment * _segment + j;
            var r = _rs.Span.Slice(j * k * k, k * k);
            var factored = _stepper.Advance(theta, _states.AsSpan(j * n, n), inputs.Slice(s * _inputSize, _inputSize),
                _bases.Span.Slice(j * n * k, n * k), _states.AsSpan((j + 1) * n, n), _bases.Span.Slice((j + 1) * n * k, n * k), r, s);
            if (factored && accumulate && _schedule.Counts(s))
            {
                _stepper.AddLogDiagonal(r, _sums);
            }
        }
        _states.AsSpan(length * n, n).CopyTo(_checkpointStates.AsSpan((segment + 1) * n, n));
        _bases.Span.Slice(length * n * k, n * k).CopyTo(_checkpointBases.AsSpan((segment + 1) * n * k, n * k));
        _storedSegment = segment;
    }
}
