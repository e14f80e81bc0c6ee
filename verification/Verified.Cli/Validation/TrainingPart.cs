using Verified.Checks;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Lyapunov;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Cli.Validation;

/// <summary>
/// The BPTT gradient against finite differences, and a short training run (temporal XOR, d = 4)
/// after flossing before training. The flossing checks fail when flossing does nothing: the
/// flossed exponents of the last flossing epoch must be closer to zero than those of the first,
/// an independent long spectrum of the network right after preflossing must agree, and the trained
/// network must differ from the one training reaches without flossing. Learning the task is a
/// check of training only: it is reached without flossing too.
/// </summary>
public sealed class TrainingPart(Sabotage sabotage = Sabotage.None) : ValidationPart
{
    private const int Epochs = 500;
    private const int K = 8;
    private const int SpectrumSteps = 20000;

    public override string Name => "training";
    public override string Title => "BPTT gradient and a short training run";
    public override int ProgressTicks => 2 + 2 * Epochs + 2 * Options.FlossEpochs;

    private static TrainOptions Options => new()
    {
        Task = "xor", Delay = 4, Steps = 100, Epochs = Epochs, LearningRate = 3e-3, Seed = 1, EvalEvery = 10,
        Flossing = FlossingSchedule.Pre, FlossK = K, FlossEpochs = 100,
    };

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var checks = new List<ValidationCheck>
        {
            ValidationCheck.From(Name, BpttGradientCheck.Run(BuiltInCells.Find("vanilla-tanh")!, "copy", LossKind.MeanSquaredError)),
        };
        tick();
        checks.Add(ValidationCheck.From(Name, BpttGradientCheck.Run(BuiltInCells.Find("lstm")!, "xor", LossKind.BinaryCrossEntropy)));
        tick();

        var cell = BuiltInCells.Find("vanilla-tanh")!;
        var pre = Trainer.Run(cell, 32, Options, epochDone: tick);
        var none = Trainer.Run(cell, 32, Options with { Flossing = FlossingSchedule.None }, epochDone: tick);
        var episode = pre.FlossingEpisodes[0];
        var before = episode.ExponentsFirst.Sum(lambda => lambda * lambda);
        var after = episode.ExponentsLast.Sum(lambda => lambda * lambda);
        // Without flossing the ratio of two horizons' Σλ² is 1 up to the spread of a 39-step estimate (well under 2×).
        checks.Add(ValidationCheck.AtLeast(Name, $"preflossing k = {K}: Σλ² of the flossed exponents reduced (first epoch over last)", before / after, 3));

        // The network right after preflossing (the same run with no training epochs), and the one training starts from without it.
        var preflossed = Trainer.Run(cell, 32, Options with { Epochs = 0, Flossing = sabotage.HasFlag(Sabotage.FlossingDiscarded) ? FlossingSchedule.None : FlossingSchedule.Pre },
            epochDone: tick).Theta;
        var initial = Trainer.Run(cell, 32, Options with { Epochs = 0, Flossing = FlossingSchedule.None }).Theta;
        var flossedSpectrum = IndependentSpectrum(cell, preflossed);
        var initialSpectrum = IndependentSpectrum(cell, initial);
        double SumOfSquares(double[] exponents) => exponents.Sum(lambda => lambda * lambda);
        checks.Add(ValidationCheck.AtLeast(Name,
            $"preflossing k = {K}, independent {SpectrumSteps}-step spectrum: Σλ² of the first {K} exponents, before preflossing over after",
            SumOfSquares(initialSpectrum) / SumOfSquares(flossedSpectrum), 3));
        checks.Add(ValidationCheck.AtLeast(Name, "preflossing changes training: |final test loss, pre-flossed − not flossed| / not flossed",
            Math.Abs(pre.Final.TestLoss - none.Final.TestLoss) / none.Final.TestLoss, 1e-3));
        checks.Add(ValidationCheck.AtLeast(Name, "training (reached without flossing too): temporal XOR, d = 4, N = 32, pre-flossed: best test accuracy in 500 epochs",
            pre.History.Max(epoch => epoch.TestAccuracy), 0.95));
        TrainingPlot.Write([("pre-flossed k = 8", pre), ("not flossed", none)], Path.Combine(folder, "training-curve.png"), "vanilla-tanh, N = 32: temporal XOR with delay 4");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "training-data.json")), new TrainingData(
            "vanilla-tanh", Options, pre, none, new PreflossedSpectra(SpectrumSteps, flossedSpectrum, initialSpectrum)));
        return checks;
    }

    /// <summary>The first k exponents of the cell part of θ over 20,000 steps of the task's input, from a start (seed 101) that the flossing did not use.</summary>
    private static double[] IndependentSpectrum(CellSpec cell, double[] theta)
    {
        var task = DelayedTask.Create(Options.Task, Options.Delay);
        var layout = cell.Layout(CellDimensions.Of(32, task.InputSize));
        return LyapunovSpectrum.Compute(layout, theta.AsSpan(0, layout.ParameterCount), new SpectrumOptions
        {
            K = K, Steps = SpectrumSteps, Transient = 500, QTransient = 500, Input = task.Input, Seed = 101, TrackLogDet = false,
        }).Exponents;
    }
}
