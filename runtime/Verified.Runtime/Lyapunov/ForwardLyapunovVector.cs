using Verified.Dense;
using Verified.Randomness;

namespace Verified.Lyapunov;

/// <summary>
/// The first forward Lyapunov vector at the start h_0 of a trajectory of t steps (docs/design.md,
/// "The first forward vector at h_0"; Kuptsov and Parlitz 2012, Sec 3): the leading right singular
/// vector of the long-term Jacobian T_t = D_{t−1} ⋯ D_0, the direction whose perturbation of h_0 grows
/// most over the horizon. Found by power iteration on T_tᵀ T_t without forming it: forward with D_s
/// (the tangent kernel) and back with D_sᵀ (the step's vector–Jacobian product), each a unit vector
/// renormalised after every step so that neither overflows, until the direction at h_0 moves by less
/// than <see cref="Tolerance"/> or <see cref="MaxIterations"/> passes have run. Its buffers are sized
/// once for a cell and horizon; a pass allocates nothing.
/// </summary>
public sealed class ForwardLyapunovVector
{
    /// <summary>The largest ‖v_new − ±v_old‖ between passes at which the direction counts as converged.</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Forward–backward passes at most.</summary>
    public const int MaxIterations = 200;

    private readonly CellKernels<double> _kernels;
    private readonly int _n, _inputSize, _steps;
    private readonly double[] _states;   // h_0 … h_{t−1}, n each
    private readonly double[] _inputs;   // x_0 … x_{t−1}, I each
    private readonly double[] _vector, _other, _thetaBar;

    /// <summary>The iteration for <paramref name="kernels"/>' cell over <paramref name="steps"/> steps.</summary>
    public ForwardLyapunovVector(CellKernels<double> kernels, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        (_kernels, _n, _inputSize, _steps) = (kernels, kernels.StateSize, kernels.InputSize, steps);
        _states = new double[steps * _n];
        _inputs = new double[steps * _inputSize];
        _vector = new double[_n];
        _other = new double[_n];
        _thetaBar = new double[kernels.ParameterCount];
    }

    /// <summary>Passes run by the last <see cref="Compute"/>.</summary>
    public int Iterations { get; private set; }

    /// <summary>Whether the last <see cref="Compute"/> met <see cref="Tolerance"/> within <see cref="MaxIterations"/>.</summary>
    public bool Converged { get; private set; }

    /// <summary>
    /// The unit vector v_1 (sign arbitrary) at <paramref name="initial"/> = h_0, written to <paramref name="vector"/>,
    /// for cell parameters <paramref name="theta"/> and the inputs <paramref name="inputAt"/>(s) = x_s of steps 0 … t−1;
    /// the power iteration starts from a Gaussian draw of <paramref name="start"/>. All NaN when the tangent dies (D_s v = 0).
    /// </summary>
    /// <exception cref="TrajectoryDivergedException">A state of the trajectory is not finite.</exception>
    public void Compute(ReadOnlySpan<double> theta, ReadOnlySpan<double> initial, Func<int, int, double> inputAt, Rng start, Span<double> vector)
    {
        initial.CopyTo(_states);
        for (var s = 0; s < _steps; s++)
        {
            for (var i = 0; i < _inputSize; i++)
            {
                _inputs[s * _inputSize + i] = inputAt(s, i);
            }
            if (s + 1 < _steps)
            {
                _kernels.Step(theta, State(s), Input(s), _states.AsSpan((s + 1) * _n, _n));
                if (!Finite.All<double>(State(s + 1)))
                {
                    throw new TrajectoryDivergedException(s + 1, "state");
                }
            }
        }
        start.FillGaussian(_vector);
        Converged = false;
        for (Iterations = 1; Iterations <= MaxIterations && Normalise(_vector); Iterations++)
        {
            // u = T_t v: forward with D_s, renormalised at every step.
            _vector.CopyTo(_other.AsSpan());
            for (var s = 0; s < _steps; s++)
            {
                Forward(theta, s, _other, vector);
                vector.CopyTo(_other);
                if (!Normalise(_other))
                {
                    break;
                }
            }
            // w = T_tᵀ u: back with D_sᵀ (StepVjp's state bar), renormalised at every step.
            for (var s = _steps - 1; s >= 0; s--)
            {
                Backward(theta, s, _other, vector);
                vector.CopyTo(_other);
                if (!Normalise(_other))
                {
                    break;
                }
            }
            var sign = Blas.Dot<double>(_other, _vector) < 0 ? -1.0 : 1.0;
            var change = 0.0;
            for (var i = 0; i < _n; i++)
            {
                change += (_other[i] - sign * _vector[i]) * (_other[i] - sign * _vector[i]);
            }
            _other.CopyTo(_vector.AsSpan());
            if (Math.Sqrt(change) < Tolerance)
            {
                Converged = true;
                break;
            }
        }
        _vector.CopyTo(vector);
        if (!Normalise(vector))
        {
            vector.Fill(double.NaN);
        }
    }

    /// <summary>D_s v at step <paramref name="step"/> of the last <see cref="Compute"/>'s trajectory: the forward half of a pass.</summary>
    public void Forward(ReadOnlySpan<double> theta, int step, ReadOnlySpan<double> v, Span<double> result) =>
        _kernels.Tangent(theta, State(step), Input(step), v, result, 1);

    /// <summary>D_sᵀ u at step <paramref name="step"/> of the last <see cref="Compute"/>'s trajectory (the step's vector–Jacobian product): the backward half.</summary>
    public void Backward(ReadOnlySpan<double> theta, int step, ReadOnlySpan<double> u, Span<double> result)
    {
        // StepVjp also accumulates (∂f/∂θ)ᵀ u, which is not wanted here: cleared so that it never grows.
        Array.Clear(_thetaBar);
        _kernels.StepVjp(theta, State(step), Input(step), u, result, _thetaBar, 1);
    }

    /// <summary>h_s of the last <see cref="Compute"/>'s trajectory.</summary>
    public ReadOnlySpan<double> State(int step) => _states.AsSpan(step * _n, _n);

    private ReadOnlySpan<double> Input(int step) => _inputs.AsSpan(step * _inputSize, _inputSize);

    /// <summary>Scales <paramref name="values"/> to unit length; false (and all NaN) when its length is zero or not finite.</summary>
    private static bool Normalise(Span<double> values)
    {
        var norm = Math.Sqrt(Blas.Dot<double>(values, values));
        if (!(norm > 0) || !double.IsFinite(norm))
        {
            values.Fill(double.NaN);
            return false;
        }
        foreach (ref var value in values)
        {
            value /= norm;
        }
        return true;
    }
}
