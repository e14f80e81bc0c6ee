using Verified.Checks;
using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Cli.Validation;

/// <summary>The BPTT gradient against finite differences, and a short training run (temporal XOR, d = 4) after flossing before training.</summary>
public sealed class TrainingPart : ValidationPart
{
    private const int Epochs = 500;

    public override string Name => "training";
    public override string Title => "BPTT gradient and a short training run";
    public override int Units => 2 + Epochs;

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var checks = new List<ValidationCheck>
        {
            ValidationCheck.From(Name, BpttGradientCheck.Run(BuiltInCells.Find("vanilla-tanh")!, "copy", LossKind.MeanSquaredError)),
        };
        tick();
        checks.Add(ValidationCheck.From(Name, BpttGradientCheck.Run(BuiltInCells.Find("lstm")!, "xor", LossKind.BinaryCrossEntropy)));
        tick();

        var options = new TrainOptions
        {
            Task = "xor", Delay = 4, Steps = 100, Epochs = Epochs, LearningRate = 3e-3, Seed = 1,
            Flossing = FlossingSchedule.Pre, FlossEpochs = 50, FlossSteps = 100,
        };
        var result = Trainer.Run(BuiltInCells.Find("vanilla-tanh")!, 32, options, _ => tick());
        checks.Add(ValidationCheck.AtLeast(Name, "temporal XOR, d = 4, N = 32, pre-flossed: best test accuracy in 500 epochs", result.History.Max(epoch => epoch.TestAccuracy), 0.95));
        TrainingPlot.Write([("pre-flossed k = 1", result)], Path.Combine(folder, "training-curve.png"), "vanilla-tanh, N = 32: temporal XOR with delay 4");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "training-data.json")), new { cell = "vanilla-tanh", task = options.Task, delay = options.Delay, result.History, result.Final, result.FlossedAtEpochs });
        return checks;
    }
}
