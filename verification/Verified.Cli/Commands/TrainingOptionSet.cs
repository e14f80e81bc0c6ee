using System.CommandLine;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Cli.Commands;

/// <summary>
/// The options of a training run that `train` and `sweep` share, read into <see cref="TrainOptions"/>
/// in one place: the defaults are those of <see cref="TrainOptions"/> (the paper's and the author's
/// code's), and a list option that is left out means its default, while one given empty is refused.
/// </summary>
public sealed class TrainingOptionSet
{
    private static readonly TrainOptions Defaults = new();

    public Option<string> Task { get; } = new("--task") { Description = "copy, xor (binary temporal XOR), continuous-xor or spatial-xor", DefaultValueFactory = _ => Defaults.Task };
    public Option<int> Steps { get; } = new("--steps") { Description = "Sequence length T", DefaultValueFactory = _ => Defaults.Steps };
    public Option<int> Batch { get; } = new("--batch") { Description = "Batch size b", DefaultValueFactory = _ => Defaults.Batch };
    public Option<int> Epochs { get; } = new("--epochs") { Description = "Training epochs (one Adam step on a fresh batch each)", DefaultValueFactory = _ => Defaults.Epochs };
    public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam learning rate of training", DefaultValueFactory = _ => Defaults.LearningRate };
    public Option<double> Clip { get; } = new("--clip") { Description = "Per-parameter gradient-norm bound of training (0: none)", DefaultValueFactory = _ => Defaults.Clip ?? 0 };
    public Option<string> Init { get; } = new("--init") { Description = "Recurrent matrices: gaussian (N(0, g²/N)) or orthogonal", DefaultValueFactory = _ => "gaussian" };
    public Option<string?> Loss { get; } = new("--loss") { Description = "mse or bce (default: the task's own; copy and continuous-xor mse, the binary tasks bce on logits)" };
    public Option<int> EvalEvery { get; } = new("--eval-every") { Description = "Epochs between evaluations of the test set and ∂L/∂W (the first and last epoch are always evaluated)", DefaultValueFactory = _ => Defaults.EvalEvery };
    public Option<int> FlossEpochs { get; } = new("--floss-epochs") { Description = "Flossing epochs before training (E_p), or per episode during training", DefaultValueFactory = _ => Defaults.FlossEpochs };
    public Option<int[]> FlossAt { get; } = new("--floss-at") { Description = "Training epochs that start a flossing episode (schedule during)", DefaultValueFactory = _ => [.. Defaults.FlossAt], AllowMultipleArgumentsPerToken = true };
    public Option<int> FlossSteps { get; } = new("--floss-steps") { Description = "Flossing horizon T_f", DefaultValueFactory = _ => Defaults.FlossSteps };
    public Option<int> FlossTransient { get; } = new("--floss-transient") { Description = "Steps at the start of each flossing horizon that are not counted", DefaultValueFactory = _ => Defaults.FlossTransient };
    public Option<double> FlossLearningRate { get; } = new("--floss-lr") { Description = "Adam learning rate while flossing", DefaultValueFactory = _ => Defaults.FlossLearningRate };
    public Option<string?> FlossInput { get; } = new("--floss-input") { Description = "Input while flossing: none, gaussian, bernoulli or uniform (default: the task's own input distribution)" };
    public Option<string[]?> FlossParameters { get; } = new("--floss-parameters") { Description = "Flossed cell parameters (default: all of them)", AllowMultipleArgumentsPerToken = true };

    public TrainingOptionSet()
    {
        Task.AcceptOnlyFromAmong([.. DelayedTask.Names]);
        Init.AcceptOnlyFromAmong("gaussian", "orthogonal");
        Loss.AcceptOnlyFromAmong("mse", "bce");
        FlossInput.AcceptOnlyFromAmong("none", "gaussian", "bernoulli", "uniform");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Task, Steps, Batch, Epochs, LearningRate, Clip, Init, Loss, EvalEvery, FlossEpochs, FlossAt, FlossSteps, FlossTransient, FlossLearningRate, FlossInput, FlossParameters })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options as given, for a run of <paramref name="schedule"/> at delay <paramref name="delay"/> with k flossed exponents.</summary>
    public TrainOptions Read(ParseResult result, CommonOptions common, int delay, FlossingSchedule schedule, int k)
    {
        var clip = result.GetValue(Clip);
        return new TrainOptions
        {
            Task = result.GetValue(Task)!,
            Delay = delay,
            Steps = CommonOptions.Positive(result.GetValue(Steps), "--steps"),
            Batch = CommonOptions.Positive(result.GetValue(Batch), "--batch"),
            Epochs = CommonOptions.Positive(result.GetValue(Epochs), "--epochs"),
            LearningRate = PositiveReal(result.GetValue(LearningRate), "--lr"),
            Clip = clip > 0 ? clip : clip == 0 ? null : throw new UsageException($"--clip must be positive, or 0 for none, not {clip}"),
            Gain = result.GetValue(common.Gain),
            RecurrentInit = result.GetValue(Init) == "orthogonal" ? Verified.Init.Orthogonal : Verified.Init.RecurrentGaussian,
            Seed = result.GetValue(common.Seed),
            Loss = result.GetValue(Loss) switch { "mse" => LossKind.MeanSquaredError, "bce" => LossKind.BinaryCrossEntropy, _ => null },
            EvalEvery = CommonOptions.Positive(result.GetValue(EvalEvery), "--eval-every"),
            Flossing = schedule,
            FlossK = k,
            FlossEpochs = CommonOptions.Positive(result.GetValue(FlossEpochs), "--floss-epochs"),
            FlossAt = CommonOptions.GivenList<int>(result, FlossAt) ?? Defaults.FlossAt,
            FlossSteps = CommonOptions.Positive(result.GetValue(FlossSteps), "--floss-steps"),
            FlossTransient = result.GetValue(FlossTransient) is var transient and >= 0 ? transient : throw new UsageException("--floss-transient must not be negative"),
            FlossLearningRate = PositiveReal(result.GetValue(FlossLearningRate), "--floss-lr"),
            FlossInput = result.GetValue(FlossInput) is { } input ? Enum.Parse<Lyapunov.InputKind>(input, ignoreCase: true) : null,
            FlossParameters = CommonOptions.GivenList<string>(result, FlossParameters),
        };
    }

    /// <summary>Every run's options checked against its cell before any work: a bad combination is one line and exit 2.</summary>
    public static void Check(CellSpec spec, int n, TrainOptions options)
    {
        try
        {
            Trainer.Validate(spec.Layout(CellDimensions.Of(n, DelayedTask.Create(options.Task, options.Delay).InputSize)), options);
        }
        catch (ArgumentException invalid)
        {
            throw new UsageException(invalid.Message);
        }
    }

    private static double PositiveReal(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"{name} must be positive, not {value}");
}
