using Verified.Dense;

namespace Verified.Flossing;

/// <summary>
/// The flossing loss L = Σ_{i≤k} (λ_i − λ*)² over a horizon of T_f steps (the paper's Algorithm 1)
/// and its exact gradient: through every QR step and through the trajectory h_s, by DESIGN.md's
/// reverse pass (StepVjp for the first-order term, TangentVjp for the second-order term and
/// Q̄_s = D_sᵀ Q̃̄, QrPullback for Q̃̄). Memory O(T_f·n·k); buffers are reused across calls.
/// </summary>
public sealed class FlossingProblem
{
    private readonly CellKernels<double> _kernels;
    private readonly int _n, _k, _steps, _transient, _tons, _inputSize;
    private readonly double _target;
    private readonly double[] _states;   // h_0 … h_T, n each
    private readonly double[] _bases;    // Q_0 … Q_T, n×k each
    private readonly double[] _rs;       // R of each step that ends with a QR, k×k each
    private readonly double[] _tangent, _qBar, _qTildeBar, _rBar, _hBar, _hBarNext;
    private readonly HouseholderQr<double> _qr;
    private readonly QrPullback<double> _pullback;

    public FlossingProblem(CellLayout layout, int k, int steps, int transient, int tons, double target)
    {
        _kernels = layout.Spec.CreateKernels<double>(layout);
        (_n, _k, _steps, _transient, _tons, _target, _inputSize) = (layout.StateSize, k, steps, transient, tons, target, layout.InputSize);
        if (k < 1 || k > _n || steps <= transient || tons < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"flossing needs 1 ≤ k ≤ n, T_f > transient and t_ONS ≥ 1 (k={k}, n={_n}, T_f={steps}, transient={transient}, t_ONS={tons})");
        }
        _states = new double[(steps + 1) * _n];
        _bases = new double[(steps + 1) * _n * k];
        _rs = new double[steps * k * k];
        _tangent = new double[_n * k];
        _qBar = new double[_n * k];
        _qTildeBar = new double[_n * k];
        _rBar = new double[k * k];
        _hBar = new double[_n];
        _hBarNext = new double[_n];
        _qr = new HouseholderQr<double>(_n, k);
        _pullback = new QrPullback<double>(_n, k);
    }

    /// <summary>Steps whose log R_ii enter λ.</summary>
    public int AccumulatedSteps => _steps - _transient;

    private bool HasQr(int s) => (s + 1) % _tons == 0 || s == _steps - 1;

    /// <summary>The forward pass: λ (length k) of the horizon from h_0 and Q_0.</summary>
    public double[] Exponents(ReadOnlySpan<double> theta, ReadOnlySpan<double> h0, ReadOnlySpan<double> q0, ReadOnlySpan<double> inputs)
    {
        int n = _n, k = _k;
        h0.CopyTo(_states.AsSpan(0, n));
        q0.CopyTo(_bases.AsSpan(0, n * k));
        var sums = new double[k];
        for (var s = 0; s < _steps; s++)
        {
            var h = _states.AsSpan(s * n, n);
            var x = inputs.Slice(s * _inputSize, _inputSize);
            var nextBasis = _bases.AsSpan((s + 1) * n * k, n * k);
            _kernels.Tangent(theta, h, x, _bases.AsSpan(s * n * k, n * k), HasQr(s) ? _tangent : nextBasis, k);
            _kernels.Step(theta, h, x, _states.AsSpan((s + 1) * n, n));
            if (!Checks.Compare.AllFinite(_states.AsSpan((s + 1) * n, n)))
            {
                throw new Lyapunov.TrajectoryDivergedException(s + 1, "state");
            }
            if (!HasQr(s))
            {
                continue;
            }
            var r = _rs.AsSpan(s * k * k, k * k);
            _qr.Factor(_tangent, nextBasis, r);
            if (s >= _transient)
            {
                for (var i = 0; i < k; i++)
                {
                    sums[i] += Math.Log(r[i * k + i]);
                }
            }
        }
        return sums.Select(sum => sum / AccumulatedSteps).ToArray();
    }

    public double Loss(double[] exponents) => exponents.Sum(lambda => (lambda - _target) * (lambda - _target));

    /// <summary>L and θ̄ += ∂L/∂θ (thetaBar is overwritten). Returns (loss, λ).</summary>
    public (double Loss, double[] Exponents) LossAndGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> h0, ReadOnlySpan<double> q0,
        ReadOnlySpan<double> inputs, Span<double> thetaBar)
    {
        int n = _n, k = _k;
        var exponents = Exponents(theta, h0, q0, inputs);
        thetaBar.Clear();
        Array.Clear(_qBar);
        Array.Clear(_hBarNext);
        Array.Clear(_rBar);
        for (var s = _steps - 1; s >= 0; s--)
        {
            var h = _states.AsSpan(s * n, n);
            var x = inputs.Slice(s * _inputSize, _inputSize);
            if (HasQr(s))
            {
                // R̄ = diag(∂L/∂λ_i / (steps · R_ii)), zero inside the transient.
                var r = _rs.AsSpan(s * k * k, k * k);
                for (var i = 0; i < k; i++)
                {
                    _rBar[i * k + i] = s >= _transient ? 2 * (exponents[i] - _target) / (AccumulatedSteps * r[i * k + i]) : 0;
                }
                _pullback.Backward(_bases.AsSpan((s + 1) * n * k, n * k), r, _qBar, _rBar, _qTildeBar);
            }
            else
            {
                _qBar.CopyTo(_qTildeBar, 0);
            }
            // h̄_s = D_sᵀ h̄_{s+1} + ∂/∂h_s⟨Q̃̄, D_s Q_s⟩;  θ̄ += (∂f/∂θ)ᵀ h̄_{s+1} + ∂/∂θ⟨Q̃̄, D_s Q_s⟩;  Q̄_s = D_sᵀ Q̃̄.
            _kernels.StepVjp(theta, h, x, _hBarNext, _hBar, thetaBar);
            _kernels.TangentVjp(theta, h, x, _bases.AsSpan(s * n * k, n * k), _qTildeBar, _qBar, _hBar, thetaBar, k);
            _hBar.CopyTo(_hBarNext, 0);
        }
        return (Loss(exponents), exponents);
    }
}
