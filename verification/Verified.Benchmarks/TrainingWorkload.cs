using System.Numerics;
using Verified.Dense;
using Verified.Randomness;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Benchmarks;

/// <summary>
/// One training epoch as ../shared/peers/torch_train.py does it: vanilla-tanh (or another cell), N=80, batch 16,
/// T=300 (+ delay d=20 steps, as the peer runs T + d), the copy task, MSE, BPTT in T and one Adam
/// step on the double master copy of θ, as `train --precision` runs it (θ rounded to T before, the
/// gradient widened after).
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
        _theta = model.Initialise(1.0, rng);
        _bptt = new Bptt<T>(model, batch, steps + delay);
        _batch = task.Generate(rng, batch, steps + delay);
        _gradient = new double[model.ParameterCount];
        _thetaT = new T[model.ParameterCount];
        _gradientT = new T[model.ParameterCount];
        _adam = new Optimisation.Adam(model.Cell.Parameters, model.ParameterCount);
    }

    public double Epoch()
    {
        ElementConversion.Round<T>(_theta, _thetaT);
        var (loss, _) = _bptt.LossAndGradient(_thetaT, _batch, LossKind.MeanSquaredError, _gradientT);
        ElementConversion.Widen<T>(_gradientT, _gradient);
        _adam.Update(_theta, _gradient);
        return loss;
    }
}
