using Verified.Random;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Benchmarks;

/// <summary>
/// One training epoch as ../shared/peers/torch_train.py does it: vanilla-tanh, N=80, batch 16,
/// T=300 (+ delay d=20 steps, as the peer runs T + d), the copy task, MSE, BPTT and one Adam step.
/// </summary>
public sealed class TrainingWorkload
{
    private readonly Bptt<double> _bptt;
    private readonly TaskBatch _batch;
    private readonly double[] _theta, _gradient;
    private readonly Optimisation.Adam _adam;

    public TrainingWorkload(int n = 80, int batch = 16, int steps = 300, int delay = 20)
    {
        var task = new CopyTask(delay);
        var model = new RecurrentModel(BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n, 1)), 1);
        var rng = new Rng(1);
        _theta = model.Initialize(1.0, rng);
        _bptt = new Bptt<double>(model, batch, steps + delay);
        _batch = task.Generate(rng, batch, steps + delay);
        _gradient = new double[model.ParameterCount];
        _adam = new Optimisation.Adam(model.Cell.Parameters, model.ParameterCount);
    }

    public double Epoch()
    {
        var (loss, _) = _bptt.LossAndGradient(_theta, _batch, LossKind.MeanSquaredError, _gradient);
        _adam.Update(_theta, _gradient);
        return loss;
    }
}
