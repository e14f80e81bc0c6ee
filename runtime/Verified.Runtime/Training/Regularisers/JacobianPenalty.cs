using MathNet.Numerics.LinearAlgebra;

namespace Verified.Training.Regularisers;

/// <summary>
/// P = (1/(S n)) Σ_s Σ_i log² max(σ_i(D_s), <see cref="Floor"/>) over the one-step Jacobians D_s = ∂h_{s+1}/∂h_s at S steps
/// spread evenly over the first sequence of the batch: each Jacobian pushed toward an isometry on
/// its own, the control of Sec 7. The states are taken as given (the penalty acts on θ through D_s
/// at the visited states, not through the trajectory). With D = U Σ Vᵀ,
/// ∂P/∂D_s = (2/(S n)) U diag(log σ_i / σ_i) Vᵀ, and the cell's TangentVjp with Q = I pulls it back
/// to θ̄ += ∂/∂θ ⟨∂P/∂D_s, D_s I⟩.
/// </summary>
public sealed class JacobianPenalty : IRegulariser
{
    /// <summary>Steps per epoch whose Jacobians are penalised.</summary>
    public const int SampledSteps = 5;

    /// <summary>The smallest singular value the penalty takes a log of: σ below it counts as this, with no gradient.</summary>
    public const double Floor = 1e-8;

    private readonly CellKernels<double> _kernels;
    private readonly int _n, _parameters;
    private readonly double[] _jacobian, _identity, _u, _qBar, _stateBar, _state, _input;

    /// <summary>The penalty on the Jacobians of <paramref name="layout"/>'s cell, with its buffers.</summary>
    public JacobianPenalty(CellLayout layout)
    {
        _kernels = layout.Spec.CreateKernels<double>(layout);
        (_n, _parameters) = (layout.StateSize, layout.ParameterCount);
        _jacobian = new double[_n * _n];
        _identity = new double[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            _identity[i * _n + i] = 1;
        }
        _u = new double[_n * _n];
        _qBar = new double[_n * _n];
        _stateBar = new double[_n];
        _state = new double[_n];
        _input = new double[layout.InputSize];
    }

    /// <summary>The steps whose Jacobians are penalised, in a sequence of <paramref name="steps"/> steps.</summary>
    public static IEnumerable<int> Steps(int steps) => Enumerable.Range(0, SampledSteps).Select(s => (2 * s + 1) * steps / (2 * SampledSteps));

    /// <inheritdoc/>
    public double AddGradient(ReadOnlySpan<double> theta, IStateSource states, Tasks.TaskBatch batch, double weight, Span<double> gradient)
    {
        var penalty = 0.0;
        foreach (var step in Steps(batch.Steps))
        {
            states.CopyState(step, 0, _state);
            var inputs = batch.InputAt(step);
            for (var i = 0; i < _input.Length; i++)
            {
                _input[i] = inputs[i * batch.Batch];
            }
            penalty += AddStep(theta[.._parameters], _state, _input, weight / SampledSteps, gradient[.._parameters]);
        }
        return penalty / SampledSteps;
    }

    /// <summary>Σ_i log² σ_i(D)/n at one state, adding <paramref name="weight"/> times its gradient to <paramref name="cellGradient"/>.</summary>
    public double AddStep(ReadOnlySpan<double> cellTheta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, double weight, Span<double> cellGradient)
    {
        var n = _n;
        _kernels.Jacobian(cellTheta, state, input, _jacobian);
        var svd = Matrix<double>.Build.DenseOfRowMajor(n, n, _jacobian).Svd(computeVectors: true);
        var value = 0.0;
        var scaled = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            // A saturated unit makes σ_i exactly 0 (1 − tanh² underflows); below Floor the penalty is held at log² Floor, with no gradient.
            var clamped = svd.S[i] < Floor;
            var log = Math.Log(clamped ? Floor : svd.S[i]);
            value += log * log;
            scaled.SetColumn(i, svd.U.Column(i) * (clamped ? 0 : 2 * log / svd.S[i] / n));
        }
        // U diag(2 log σ / (n σ)) Vᵀ, row-major: the adjoint of D = D·I for the tangent pullback (k = n columns).
        var adjoint = scaled * svd.VT;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                _u[i * n + j] = weight * adjoint[i, j];
            }
        }
        Array.Clear(_stateBar);
        _kernels.TangentVjp(cellTheta, state, input, _identity, _u, _qBar, _stateBar, cellGradient, n);
        return value / n;
    }
}
