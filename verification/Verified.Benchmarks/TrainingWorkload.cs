using System.Numerics;
using Verified.Random;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Benchmarks;

/// <summary>
/// One training epoch as ../shared/peers/torch_train.py does it: vanilla-tanh (or another cell), N=80,
/// batch 16, T=300 (+ delay d=20 steps, as the peer runs T + d), the copy task, MSE, BPTT in T and one
/// Adam step on the double master θ.
/// </summary>
public sealed class TrainingWorkload<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Bptt<T> _bptt;
    private readonly TaskBatch _batch;
    private readonly double[] _theta, _gradient;
    private readonly T[] _thetaT, _gradientT;
    private readonly Optimisation.Adam _adam;

    public TrainingWorkload(string cell = "vanilla-tanh", int n = 80, int batch = 16, int steps = 300, int delay = 20)
    {
        var task = new CopyTask(delay);
        var model = new RecurrentModel(BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(n, 1)), 1);
        var rng = new Rng(1);
        _theta = model.Initialize(1.0, rng);
        _bptt = new Bptt<T>(model, batch, steps + delay);
        _batch = task.Generate(rng, batch, steps + delay);
        _gradient = new double[model.ParameterCount];
        _thetaT = new T[model.ParameterCount];
        _gradientT = new T[model.ParameterCount];
        _adam = new Optimisation.Adam(model.Cell.Parameters, model.ParameterCount);
    }

    /// <summary>
    /// θ rounded to T, the loss and gradient in T, the gradient widened and Adam's step in double, as the
    /// trainer does. The copies are written out here (the trainer's are internal) so that compare-kernels.sh
    /// can build this file against an earlier revision too.
    /// </summary>
    public double Epoch()
    {
        for (var i = 0; i < _theta.Length; i++)
        {
            _thetaT[i] = T.CreateTruncating(_theta[i]);
        }
        var (loss, _) = _bptt.LossAndGradient(_thetaT, _batch, LossKind.MeanSquaredError, _gradientT);
        for (var i = 0; i < _gradient.Length; i++)
        {
            _gradient[i] = double.CreateTruncating(_gradientT[i]);
        }
        _adam.Update(_theta, _gradient);
        return loss;
    }
}
