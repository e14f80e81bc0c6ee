using MathNet.Numerics.LinearAlgebra;
using Verified.Randomness;
using Verified.Training;
using Verified.Training.Tasks;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>
/// `train --record-clv-overlap`: each evaluation records |cos(∂L/∂h_0, v_1)| for the batch's first sequence,
/// the same number an independent computation gives (a one-sequence BPTT and an SVD of the explicit product
/// of Jacobians), and recording it changes nothing else of the run.
/// </summary>
public sealed class ClvOverlapTests
{
    private static readonly TrainOptions Options = new() { Task = "copy", Delay = 3, Steps = 20, Batch = 4, Epochs = 4, EvalEvery = 2, TestBatch = 4, Seed = 6, Gain = 1.2 };

    [Fact]
    public void Each_evaluation_records_the_overlap_and_the_run_is_otherwise_the_same()
    {
        var tanh = BuiltInCells.Find("vanilla-tanh")!;

        var plain = Trainer.Run(tanh, 8, Options);
        var recorded = Trainer.Run(tanh, 8, Options with { RecordClvOverlap = true });

        Assert.Equal(plain.Theta, recorded.Theta);
        Assert.Equal(plain.History.Select(epoch => epoch.Epoch), recorded.History.Select(epoch => epoch.Epoch));
        Assert.Equal(plain.History.Select(epoch => epoch.Loss), recorded.History.Select(epoch => epoch.Loss));
        Assert.All(plain.History, epoch => Assert.Null(epoch.ClvOverlap));
        Assert.All(recorded.History, epoch => Assert.InRange(epoch.ClvOverlap!.Value, 0, 1));
    }

    [Fact]
    public void The_first_records_overlap_is_that_of_a_one_sequence_gradient_and_an_svd_of_the_long_term_jacobian()
    {
        var tanh = BuiltInCells.Find("vanilla-tanh")!;
        const int n = 8;
        var recorded = Trainer.Run(tanh, n, Options with { RecordClvOverlap = true });

        // θ and the batch of epoch 0 as the trainer draws them (its streams "init", "author-bias" and "train").
        var task = DelayedTask.Create(Options.Task, Options.Delay);
        var layout = tanh.Layout(CellDimensions.Of(n, task.InputSize));
        var model = new RecurrentModel(layout, task.OutputSize);
        var theta = model.Initialise(Options.Gain, Rng.ForStream(Options.Seed, "init"), Options.RecurrentInit, ModelInit.Verified, Rng.ForStream(Options.Seed, "author-bias"));
        var batch = task.Generate(Rng.ForStream(Options.Seed, "train"), Options.Batch, Options.Steps);
        // The first sequence alone, whose loss is the batch's term of it times b: the same direction of ∂L/∂h_0.
        int inputs = task.InputSize, outputs = task.OutputSize, b = Options.Batch;
        var first = new TaskBatch(
            [.. Enumerable.Range(0, Options.Steps * inputs).Select(index => batch.Inputs[index * b])],
            [.. Enumerable.Range(0, Options.Steps * outputs).Select(index => batch.Targets[index * b])],
            1, Options.Steps, inputs, outputs, Options.Delay);
        var gradient = new double[model.ParameterCount];
        new Bptt<double>(model, 1, Options.Steps).LossAndGradient(theta, first, task.DefaultLoss, gradient);
        var h0Gradient = Vector<double>.Build.DenseOfArray(gradient[model.InitialStateOffset..]);
        // T_t = D_{t−1} ⋯ D_0 formed explicitly along that sequence.
        var kernels = tanh.CreateKernels<double>(layout);
        var cell = theta.AsSpan(0, layout.ParameterCount).ToArray();
        var state = theta[model.InitialStateOffset..];
        var next = new double[n];
        var jacobian = new double[n * n];
        var product = Matrix<double>.Build.DenseIdentity(n);
        for (var s = 0; s < Options.Steps; s++)
        {
            var input = first.InputAt(s);
            kernels.Jacobian(cell, state, input, jacobian);
            product = Matrix<double>.Build.DenseOfRowMajor(n, n, jacobian) * product;
            kernels.Step(cell, state, input, next);
            next.CopyTo(state, 0);
        }
        var v1 = product.Svd(computeVectors: true).VT.Row(0);
        var expected = Math.Abs(h0Gradient.DotProduct(v1)) / h0Gradient.L2Norm();

        Assert.Equal(0, recorded.History[0].Epoch);
        Assert.True(Math.Abs(recorded.History[0].ClvOverlap!.Value - expected) < 1e-9, $"recorded {recorded.History[0].ClvOverlap}, independent {expected}");
    }

    [Fact]
    public void A_run_without_training_epochs_is_refused()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(8, 1));
        Assert.Throws<ArgumentException>(() => Trainer.Validate(layout, Options with { Epochs = 0, RecordClvOverlap = true }));
    }
}
