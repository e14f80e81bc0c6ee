using System.Diagnostics;
using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Optimisation;
using Verified.Random;
using Verified.Training.Tasks;

namespace Verified.Training;

/// <summary>
/// Trains a cell with a linear readout on a delayed-memory task by BPTT and Adam with
/// per-parameter clipping, flossing the cell's exponents before training or in episodes during
/// it. Training batches and the test set come from separate seeded streams.
/// </summary>
public static class Trainer
{
    public static TrainResult Run(CellSpec spec, int n, TrainOptions options, Action<TrainEpoch>? progress = null)
    {
        var task = DelayedTask.Create(options.Task, options.Delay);
        var layout = spec.Layout(CellDimensions.Of(n, task.InputSize));
        var model = new RecurrentModel(layout, task.OutputSize);
        var loss = options.Loss ?? task.DefaultLoss;
        var theta = model.Initialize(options.Gain, Rng.ForStream(options.Seed, "init"), options.RecurrentInit);
        var bptt = new Bptt(model, options.Batch, options.Steps);
        var testBptt = new Bptt(model, options.TestBatch, options.Steps);
        var test = task.Generate(Rng.ForStream(options.Seed, "test"), options.TestBatch, options.Steps);
        var training = Rng.ForStream(options.Seed, "train");
        var adam = new Adam([.. layout.Parameters, .. ReadoutLayouts(model)], model.ParameterCount) { LearningRate = options.LearningRate, Clip = options.Clip };
        var gradient = new double[model.ParameterCount];
        var history = new List<TrainEpoch>();
        var flossed = new List<int>();
        var flossInput = task.DefaultLoss == LossKind.BinaryCrossEntropy ? InputKind.Bernoulli : InputKind.Gaussian;

        void Floss(int epoch, int episode)
        {
            Flosser.Run<double>(layout, theta.AsSpan(0, layout.ParameterCount), new FlossOptions
            {
                K = options.FlossK, Epochs = options.FlossEpochs, Steps = options.FlossSteps, Transient = Math.Min(50, options.FlossSteps / 5),
                LearningRate = options.FlossLearningRate, Parameters = options.FlossParameters, Input = flossInput,
                Seed = options.Seed + (ulong)episode * 7919,
            });
            flossed.Add(epoch);
        }

        if (options.Flossing == FlossingSchedule.Pre)
        {
            Floss(0, 0);
        }
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (options.Flossing == FlossingSchedule.During && options.FlossAt.Contains(epoch))
            {
                Floss(epoch, flossed.Count + 1);
            }
            var clock = Stopwatch.StartNew();
            var batch = task.Generate(training, options.Batch, options.Steps);
            var (trainLoss, gradNormH0) = bptt.LossAndGradient(theta, batch, loss, gradient);
            var singular = GradientSingularValues(model, gradient);
            adam.Update(theta, gradient);
            var (testLoss, accuracy) = testBptt.Evaluate(theta, test, loss);
            var record = new TrainEpoch(epoch, trainLoss, testLoss, accuracy, gradNormH0, singular, clock.Elapsed.TotalSeconds);
            history.Add(record);
            progress?.Invoke(record);
        }
        var lambda1 = LyapunovSpectrum.Compute(layout, theta.AsSpan(0, layout.ParameterCount), new SpectrumOptions
        {
            K = 1, Steps = 2000, Transient = 200, QTransient = 200, Input = flossInput, Seed = options.Seed, TrackLogDet = false,
        }).Exponents[0];
        return new TrainResult(history, history[^1], lambda1, flossed);
    }

    /// <summary>The readout and offset as parameters for Adam's per-parameter clipping.</summary>
    private static IEnumerable<ParameterLayout> ReadoutLayouts(RecurrentModel model)
    {
        var readout = new ParameterSpec("readout", ParameterKind.Matrix, CellSize.Fixed(model.OutputSize), CellSize.Fixed(model.Cell.StateSize),
            new InitSpec(Init.Gaussian, 0, 1, -1, 1, 0));
        var offset = new ParameterSpec("offset", ParameterKind.Vector, CellSize.Fixed(model.OutputSize), CellSize.Fixed(1), new InitSpec(Init.Zeros, 0, 1, -1, 1, 0));
        yield return new ParameterLayout(readout, model.OutputSize, model.Cell.StateSize, model.ReadoutOffset);
        yield return new ParameterLayout(offset, model.OutputSize, 1, model.BiasOffset);
    }

    /// <summary>σ1, σ20 and σ40 of ∂L/∂W for the recurrent matrix W (the paper's Fig 10); NaN where W has fewer.</summary>
    private static double[] GradientSingularValues(RecurrentModel model, double[] gradient)
    {
        if (model.RecurrentMatrix is not { } w)
        {
            return [double.NaN, double.NaN, double.NaN];
        }
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(w.Rows, w.Columns, gradient.AsSpan(w.Offset, w.Length).ToArray());
        var sigma = matrix.Svd(computeVectors: false).S;
        return [.. new[] { 0, 19, 39 }.Select(i => i < sigma.Count ? sigma[i] : double.NaN)];
    }
}
