using System.Numerics;
using Verified.Dense;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Training.Tasks;

namespace Verified.Training;

/// <summary>
/// The overlap that the paper's App D tracks, with the vector the learned h_0 can have: |cos| between
/// ∂L/∂h_0 through the training batch's first sequence and the first forward Lyapunov vector at h_0
/// along that sequence (<see cref="ForwardLyapunovVector"/>, over all T steps). The first covariant
/// (backward) vector is undefined at h_0, whose trajectory has no past; the forward vector is the
/// direction that ∂L/∂h_0 = Σ_t T_tᵀ ∂L/∂h_t lines up with when λ1 dominates (docs/design.md, "The
/// first forward vector at h_0"). The vector is found in double from θ in double, whatever the run's
/// precision; the power iteration starts from a draw of the stream "clv-overlap", which training never uses.
/// </summary>
public sealed class InitialStateOverlap
{
    private readonly RecurrentModel _model;
    private readonly ForwardLyapunovVector _vector;
    private readonly ulong _seed;
    private readonly double[] _gradient, _direction;

    /// <summary>The overlap of <paramref name="model"/> on sequences of <paramref name="options"/>' length.</summary>
    public InitialStateOverlap(RecurrentModel model, TrainOptions options)
    {
        _model = model;
        _vector = new ForwardLyapunovVector(model.Cell.Spec.CreateKernels<double>(model.Cell), options.Steps);
        _seed = options.Seed;
        _gradient = new double[model.Cell.StateSize];
        _direction = new double[model.Cell.StateSize];
    }

    /// <summary>
    /// The overlap at <paramref name="theta"/> = [θ_cell, W_out, c, h_0], after <paramref name="bptt"/>'s gradient on
    /// <paramref name="batch"/> at that θ; NaN when either vector is zero or not finite.
    /// </summary>
    public double Measure<T>(double[] theta, Bptt<T> bptt, TaskBatch batch, int epoch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bptt.CopyInitialStateGradient(0, _gradient);
        var inputs = batch.Inputs;
        int inputSize = batch.InputSize, sequences = batch.Batch;
        try
        {
            _vector.Compute(theta.AsSpan(0, _model.Cell.ParameterCount), theta.AsSpan(_model.InitialStateOffset, _model.Cell.StateSize),
                (step, i) => inputs[(step * inputSize + i) * sequences], Rng.ForStream(_seed, "clv-overlap"), _direction);
        }
        catch (TrajectoryDivergedException diverged)
        {
            throw diverged.Within($"the forward Lyapunov vector at h_0 of training epoch {epoch}");
        }
        var norm = Math.Sqrt(Blas.Dot<double>(_gradient, _gradient));
        return Math.Abs(Blas.Dot<double>(_gradient, _direction)) / norm;
    }
}
