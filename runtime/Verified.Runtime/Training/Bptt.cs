using System.Numerics;
using System.Runtime.CompilerServices;
using Verified.Dense;
using Verified.MemoryLimits;
using Verified.Training.Tasks;

namespace Verified.Training;

/// <summary>
/// The task loss and its gradient by backpropagation through time with the generated batched
/// StepVjp: forward from the learned h_0 (the same for every sequence), h_{t+1} = f(h_t, x_t),
/// o_t = W_out h_{t+1} + c; loss averaged over the steps t ≥ d, the batch and the outputs (MSE, or
/// binary cross-entropy on logits); reverse h̄_{t+1} += W_outᵀ ∂ℓ/∂o_t, then h̄_t = D_tᵀ h̄_{t+1}
/// and θ̄ += (∂f/∂θ)ᵀ h̄_{t+1}, and finally h̄_0 summed over the sequences.
/// Buffers are sized once for a batch and horizon: nothing is allocated per step. The kernels run in
/// T (float or double); the batch's inputs are converted to T once per call, and the loss and the
/// ∂ℓ/∂o are formed in double from the T outputs, then rounded to T.
/// </summary>
public sealed class Bptt<T> : IStateSource where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentModel _model;
    private readonly CellKernels<T> _kernels;
    private readonly int _n, _b, _steps, _o;
    private readonly T[] _states;     // h_0 … h_T, n×b each
    private readonly T[] _outputs;    // o_0 … o_{T−1}, O×b each
    private readonly T[] _outputBar, _hBar, _hBarNext;
    private T[]? _initialBar;         // h̄_0 per sequence (n×b) after LossAndGradient: whichever of _hBar, _hBarNext it ended in
    private readonly T[] _tape;       // the forward pass's intermediates of every step, for StepVjp
    private readonly T[] _inputs;     // the batch's inputs in T
    private readonly int _tapeLength;

    /// <summary>BPTT of <paramref name="model"/> over batches of <paramref name="batch"/> sequences of <paramref name="steps"/> steps, with its buffers.</summary>
    public Bptt(RecurrentModel model, int batch, int steps)
    {
        Footprint(model, batch, steps).Require();
        _model = model;
        _kernels = model.Cell.Spec.CreateKernels<T>(model.Cell);
        (_n, _b, _steps, _o) = (model.Cell.StateSize, batch, steps, model.OutputSize);
        _states = new T[(steps + 1) * _n * batch];
        _outputs = new T[steps * _o * batch];
        _outputBar = new T[_o * batch];
        _hBar = new T[_n * batch];
        _hBarNext = new T[_n * batch];
        _tapeLength = _kernels.TapeLength(batch);
        _tape = new T[steps * _tapeLength];
        _inputs = new T[steps * model.Cell.InputSize * batch];
    }

    /// <summary>The buffers the constructor allocates: states, outputs, tape and inputs of every step, and the kernels' own for the batch.</summary>
    public static Footprint Footprint(RecurrentModel model, int batch, int steps)
    {
        var kernels = model.Cell.Spec.CreateKernels<T>(model.Cell);
        int n = model.Cell.StateSize, bytes = Unsafe.SizeOf<T>();
        return new Footprint($"backpropagation through time of {model.Cell.Spec.Name} at n = {n} over {steps} steps of {batch} sequences",
            new PlannedBuffer("states", MemoryBudget.Product(steps + 1L, n, batch), bytes),
            new PlannedBuffer("outputs", MemoryBudget.Product(steps, model.OutputSize, batch), bytes),
            new PlannedBuffer("tape", MemoryBudget.Product(steps, kernels.TapeLength(batch)), bytes),
            new PlannedBuffer("inputs", MemoryBudget.Product(steps, model.Cell.InputSize, batch), bytes),
            kernels.Scratch(batch, 0, jacobian: false));
    }

    /// <summary>L and gradient = ∂L/∂θ (overwritten); returns L and ‖∂L/∂h_0‖ (the paper's Eq 18).</summary>
    public (double Loss, double GradNormH0) LossAndGradient(ReadOnlySpan<T> theta, TaskBatch batch, LossKind loss, Span<T> gradient)
    {
        var value = Forward(theta, batch, loss);
        int n = _n, b = _b, o = _o;
        var cell = _model.Cell.ParameterCount;
        var readout = theta.Slice(_model.ReadoutOffset, o * n);
        gradient.Clear();
        // h̄_{t+1} and h̄_t trade buffers at each step rather than being copied.
        var (hBarNext, hBar) = (_hBarNext, _hBar);
        Array.Clear(hBarNext);
        var scale = 1.0 / ((_steps - batch.Delay) * b * o);
        for (var t = _steps - 1; t >= 0; t--)
        {
            var hNext = _states.AsSpan((t + 1) * n * b, n * b);
            if (t >= batch.Delay)
            {
                // ∂L/∂o_t, then W̄_out += ō hᵀ, c̄ += Σ_b ō, h̄_{t+1} += W_outᵀ ō.
                var output = _outputs.AsSpan(t * o * b, o * b);
                var target = batch.TargetAt(t);
                for (var i = 0; i < o * b; i++)
                {
                    var outputValue = double.CreateTruncating(output[i]);
                    _outputBar[i] = T.CreateTruncating(scale * (loss == LossKind.MeanSquaredError ? 2 * (outputValue - target[i]) : Sigmoid(outputValue) - target[i]));
                }
                for (var i = 0; i < o; i++)
                {
                    // Row i of W̄_out += h_{t+1} ō_i (n×b times b).
                    Gemm.Multiply<T>(hNext, _outputBar.AsSpan(i * b, b), gradient.Slice(_model.ReadoutOffset + i * n, n), n, b, 1, accumulate: true);
                }
                for (var i = 0; i < o; i++)
                {
                    for (var j = 0; j < b; j++)
                    {
                        gradient[_model.BiasOffset + i] += _outputBar[i * b + j];
                    }
                }
                Gemm.MultiplyTransposedA<T>(readout, _outputBar, hBarNext, n, o, b, accumulate: true);
            }
            _kernels.StepVjp(theta[..cell], _states.AsSpan(t * n * b, n * b), InputAt(t), hBarNext, hBar, gradient[..cell], b,
                _tape.AsSpan(t * _tapeLength, _tapeLength));
            (hBarNext, hBar) = (hBar, hBarNext);
        }
        _initialBar = hBarNext;
        var initialBar = gradient.Slice(_model.InitialStateOffset, n);
        for (var i = 0; i < n; i++)
        {
            var sum = T.Zero;
            for (var j = 0; j < b; j++)
            {
                sum += hBarNext[i * b + j];
            }
            initialBar[i] = sum;
        }
        return (value, Math.Sqrt(double.CreateTruncating(Blas.Dot<T>(hBarNext, hBarNext))));
    }

    /// <summary>∂L/∂h_0 through sequence <paramref name="sequence"/> alone (its term of the sum over sequences), of the last <see cref="LossAndGradient"/>.</summary>
    public void CopyInitialStateGradient(int sequence, Span<double> destination)
    {
        var bar = _initialBar ?? throw new InvalidOperationException("no gradient has been computed yet");
        for (var i = 0; i < _n; i++)
        {
            destination[i] = double.CreateTruncating(bar[i * _b + sequence]);
        }
    }

    /// <summary>The b·I inputs of step <paramref name="step"/> in T.</summary>
    private ReadOnlySpan<T> InputAt(int step) => _inputs.AsSpan(step * _model.Cell.InputSize * _b, _model.Cell.InputSize * _b);

    /// <inheritdoc/>
    public void CopyState(int t, int sequence, Span<double> state)
    {
        var states = _states.AsSpan(t * _n * _b, _n * _b);
        for (var i = 0; i < _n; i++)
        {
            state[i] = double.CreateTruncating(states[i * _b + sequence]);
        }
    }

    /// <summary>The loss, and the accuracy of the outputs thresholded at 0.5 (after a sigmoid for logits).</summary>
    public (double Loss, double Accuracy) Evaluate(ReadOnlySpan<T> theta, TaskBatch batch, LossKind loss)
    {
        var value = Forward(theta, batch, loss);
        var correct = 0;
        var total = 0;
        for (var t = batch.Delay; t < _steps; t++)
        {
            var output = _outputs.AsSpan(t * _o * _b, _o * _b);
            var target = batch.TargetAt(t);
            for (var i = 0; i < output.Length; i++)
            {
                var outputValue = double.CreateTruncating(output[i]);
                var prediction = loss == LossKind.BinaryCrossEntropy ? Sigmoid(outputValue) : outputValue;
                correct += (prediction >= 0.5) == (target[i] >= 0.5) ? 1 : 0;
                total++;
            }
        }
        return (value, (double)correct / total);
    }

    private double Forward(ReadOnlySpan<T> theta, TaskBatch batch, LossKind loss)
    {
        if (batch.Batch != _b || batch.Steps != _steps)
        {
            throw new ArgumentException($"this BPTT is sized for batch {_b} × {_steps} steps, not {batch.Batch} × {batch.Steps}");
        }
        ElementConversion.Round<T>(batch.Inputs, _inputs);
        int n = _n, b = _b, o = _o;
        var cell = _model.Cell.ParameterCount;
        var readout = theta.Slice(_model.ReadoutOffset, o * n);
        var bias = theta.Slice(_model.BiasOffset, o);
        var initial = theta.Slice(_model.InitialStateOffset, n);
        for (var i = 0; i < n; i++)
        {
            _states.AsSpan(i * b, b).Fill(initial[i]);
        }
        var sum = 0.0;
        for (var t = 0; t < _steps; t++)
        {
            var hNext = _states.AsSpan((t + 1) * n * b, n * b);
            _kernels.Step(theta[..cell], _states.AsSpan(t * n * b, n * b), InputAt(t), hNext, b, _tape.AsSpan(t * _tapeLength, _tapeLength));
            var output = _outputs.AsSpan(t * o * b, o * b);
            Gemm.Multiply<T>(readout, hNext, output, o, n, b, accumulate: false);
            for (var i = 0; i < o; i++)
            {
                for (var j = 0; j < b; j++)
                {
                    output[i * b + j] += bias[i];
                }
            }
            // The outputs see every state unit: a state that turns NaN or infinite shows here at its own step.
            if (!Finite.All<T>(output))
            {
                throw new Lyapunov.TrajectoryDivergedException(t + 1, "network output");
            }
            if (t < batch.Delay)
            {
                continue;
            }
            var target = batch.TargetAt(t);
            for (var i = 0; i < o * b; i++)
            {
                var value = double.CreateTruncating(output[i]);
                sum += loss == LossKind.MeanSquaredError
                    ? (value - target[i]) * (value - target[i])
                    : Softplus(value) - target[i] * value;
            }
            if (!double.IsFinite(sum))
            {
                throw new Lyapunov.TrajectoryDivergedException(t + 1, "loss");
            }
        }
        return sum / ((_steps - batch.Delay) * b * o);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}
