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

    private readonly CommonOptions _common;

    public Option<string> Task { get; } = new("--task") { Description = "copy, xor (binary temporal XOR), continuous-xor or spatial-xor", DefaultValueFactory = _ => Defaults.Task };
    public Option<int> Steps { get; } = new Option<int>("--steps") { Description = "Sequence length T", DefaultValueFactory = _ => Defaults.Steps }.Positive();
    public Option<int> Batch { get; } = new Option<int>("--batch") { Description = "Batch size b", DefaultValueFactory = _ => Defaults.Batch }.Positive();
    public Option<int> Epochs { get; } = new Option<int>("--epochs") { Description = "Training epochs (one Adam step on a fresh batch each; 0: evaluate the starting network)", DefaultValueFactory = _ => Defaults.Epochs }.NonNegative();
    public Option<double> LearningRate { get; } = new Option<double>("--lr") { Description = "Adam learning rate of training", DefaultValueFactory = _ => Defaults.LearningRate }.FinitePositive();
    public Option<double> Clip { get; } = CommonOptions.Clip(Defaults.Clip, "in training");
    public Option<string> Init { get; } = new("--init") { Description = "The draw of the recurrent Gaussian matrices, those a cell declares Init.RecurrentGaussian or leaves to the default as a matrix whose columns are a state's size: gaussian (as declared: N(Mean, (Scale·g)²/columns)) or orthogonal (Scale·g times a random orthogonal matrix); a matrix declared with another Init keeps it; refused for a cell with none (the torch cells)", DefaultValueFactory = _ => "gaussian" };
    public Option<string> ModelInit { get; } = new("--model-init")
    {
        Description = "How the readout, offset and biases start: verified (W_out ~ N(0, 1/N), c = 0, the cell's declared biases) or author-code (the author's code: W_out ~ N(0, 1), c = 0.001, biases ~ U(0, 0.1))",
        DefaultValueFactory = _ => "verified",
    };
    public Option<string> InputWeights { get; } = new("--input-weights")
    {
        Description = "How the input weights start for a task of several inputs (the spatial XOR's three): declared (as the cell declares them, N(0, 1/I) for vanilla-tanh) or author-code (the author's code's start, V ~ N(0, 1) on inputs divided by I: the declared draw scaled by 1/√I)",
        DefaultValueFactory = _ => "declared",
    };
    public Option<string?> TaskInput { get; } = new("--task-input") { Description = "The copy task's inputs: uniform (x ~ U(0, 1), the paper's appendix H) or bernoulli (bits, as the author's code draws them); default: the task's own" };
    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "Element type of BPTT, the readout, flossing episodes and the test evaluation: double, or float (as the author's code trains; Adam keeps θ in double, the exponents after training are computed in double)",
        DefaultValueFactory = _ => "double",
    };
    public Option<string?> Regularise { get; } = new("--regularise")
    {
        Description = "A penalty added to the training loss (the paper's Sec 7 controls run it without flossing): spectral-radius (β (ρ(W) − 1)²) or jacobian (β · mean log² σ_i of the one-step Jacobians D_s at 5 steps of the batch's first sequence, states held fixed); default: none",
    };
    public Option<double> RegularisationWeight { get; } = new Option<double>("--reg-weight") { Description = "The weight β of the --regularise penalty", DefaultValueFactory = _ => TrainOptions.DefaultRegularisationWeight }.FinitePositive();
    public Option<string?> Loss { get; } = new("--loss") { Description = "mse or bce (default: the task's own; copy and continuous-xor mse, the binary tasks bce on logits)" };
    public Option<int> EvalEvery { get; } = new Option<int>("--eval-every") { Description = "Epochs between evaluations of the test set, |∂L/∂h0| and the singular values of ∂L/∂W (the first and last epoch are always evaluated)", DefaultValueFactory = _ => Defaults.EvalEvery }.Positive();
    public Option<int> FlossEpochs { get; } = new Option<int>("--floss-epochs") { Description = "Flossing epochs before training (E_p), or per episode during training", DefaultValueFactory = _ => Defaults.FlossEpochs }.Positive();
    public Option<int[]> FlossAt { get; } = new Option<int[]>("--floss-at") { Description = "Training epochs that start a flossing episode (schedule during)", DefaultValueFactory = _ => [.. Defaults.FlossAt], AllowMultipleArgumentsPerToken = true }.NonNegative();
    public Option<int> FlossSteps { get; } = new Option<int>("--floss-steps") { Description = "Flossing horizon T_f", DefaultValueFactory = _ => Defaults.FlossSteps }.Positive();
    public Option<int> FlossTransient { get; } = new Option<int>("--floss-transient") { Description = "Steps at the start of each flossing horizon that are not counted", DefaultValueFactory = _ => Defaults.FlossTransient }.NonNegative();
    public Option<double> FlossLearningRate { get; } = new Option<double>("--floss-lr") { Description = "Adam learning rate while flossing", DefaultValueFactory = _ => Defaults.FlossLearningRate }.FinitePositive();
    public Option<string?> FlossInput { get; } = new("--floss-input") { Description = "Input while flossing: none, gaussian, bernoulli or uniform (default: the task's own input distribution)" };
    public Option<string[]?> FlossParameters { get; } = FlossedParameterRule.Option();

    /// <param name="common">The command's shared options: the gain and seed of the runs, and the input options checked against the cell (--floss-input joins them).</param>
    public TrainingOptionSet(CommonOptions common)
    {
        _common = common;
        Task.OneOf([.. DelayedTask.Names]);
        Init.OneOf("gaussian", "orthogonal");
        ModelInit.OneOf("verified", "author-code");
        InputWeights.OneOf("declared", "author-code");
        TaskInput.OneOf("uniform", "bernoulli");
        Regularise.OneOf("spectral-radius", "jacobian");
        Precision.OneOf("double", "float");
        Loss.OneOf("mse", "bce");
        FlossInput.OneOf("none", "gaussian", "bernoulli", "uniform");
    }

    /// <summary>The options that only flossing reads.</summary>
    private IEnumerable<Option> FlossingOptions => [FlossEpochs, FlossAt, FlossSteps, FlossTransient, FlossLearningRate, FlossInput, FlossParameters];

    /// <summary>
    /// Refuses the options that no run reads: the training options when --epochs 0 trains nothing
    /// (the starting network is only evaluated), the flossing options (and <paramref name="k"/>) when
    /// no run flosses, --floss-at when none flosses during training. <paramref name="scheduleOption"/>
    /// names the option that sets the schedules.
    /// </summary>
    public void RefuseUnread(ParseResult result, IReadOnlyCollection<FlossingSchedule> schedules, Option k, string scheduleOption)
    {
        if (result.GetValue(Regularise) is null)
        {
            OptionRules.RefuseGiven(result, [RegularisationWeight], "weighs the penalty of --regularise, which is not given");
        }
        if (result.GetValue(Epochs) == 0)
        {
            OptionRules.RefuseGiven(result, [LearningRate, Clip, EvalEvery, Regularise, RegularisationWeight], "sets up training; with --epochs 0 nothing is trained");
        }
        if (schedules.All(schedule => schedule == FlossingSchedule.None))
        {
            OptionRules.RefuseGiven(result, FlossingOptions.Append(k), $"is a flossing option; it needs {scheduleOption} pre or during");
        }
        if (!schedules.Contains(FlossingSchedule.During))
        {
            OptionRules.RefuseGiven(result, [FlossAt], $"sets the epochs of flossing episodes during training; it needs {scheduleOption} during");
        }
    }

    public void AddTo(Command command)
    {
        _common.InputOptions.Add(FlossInput);
        _common.RecurrentInit = Init;
        foreach (var option in new Option[] { Task, Steps, Batch, Epochs, LearningRate, Clip, Init, ModelInit, InputWeights, TaskInput, Precision, Regularise, RegularisationWeight, Loss, EvalEvery, FlossEpochs, FlossAt, FlossSteps, FlossTransient, FlossLearningRate, FlossInput, FlossParameters })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options as given, for a run of <paramref name="schedule"/> at delay <paramref name="delay"/> with k flossed exponents.</summary>
    public TrainOptions Read(ParseResult result, int delay, FlossingSchedule schedule, int k)
    {
        return new TrainOptions
        {
            Task = result.GetValue(Task)!,
            Delay = delay,
            Steps = result.GetValue(Steps),
            Batch = result.GetValue(Batch),
            Epochs = result.GetValue(Epochs),
            LearningRate = result.GetValue(LearningRate),
            Clip = CommonOptions.ClipBound(result, Clip),
            Gain = result.GetValue(_common.Gain),
            RecurrentInit = result.GetValue(Init) == "orthogonal" ? Verified.Init.Orthogonal : Verified.Init.RecurrentGaussian,
            Seed = result.GetValue(_common.Seed),
            ModelInit = result.GetValue(ModelInit) == "author-code" ? Training.ModelInit.AuthorCode : null,
            InputWeights = result.GetValue(InputWeights) == "author-code" ? InputWeightInit.AuthorCode : null,
            TaskInput = result.GetValue(TaskInput) is { } taskInput ? Enum.Parse<Lyapunov.InputKind>(taskInput, ignoreCase: true) : null,
            Regulariser = result.GetValue(Regularise) switch
            {
                "spectral-radius" => Training.Regularisers.RegulariserKind.SpectralRadius,
                "jacobian" => Training.Regularisers.RegulariserKind.JacobianSingularValues,
                _ => null,
            },
            RegularisationWeight = result.GetValue(Regularise) is null ? null : result.GetValue(RegularisationWeight),
            Precision = result.GetValue(Precision) == "float" ? ElementPrecision.Float : null,
            Loss = result.GetValue(Loss) switch { "mse" => LossKind.MeanSquaredError, "bce" => LossKind.BinaryCrossEntropy, _ => null },
            EvalEvery = result.GetValue(EvalEvery),
            Flossing = schedule,
            FlossK = k,
            FlossEpochs = result.GetValue(FlossEpochs),
            FlossAt = CommonOptions.GivenList<int>(result, FlossAt) ?? Defaults.FlossAt,
            FlossSteps = result.GetValue(FlossSteps),
            FlossTransient = result.GetValue(FlossTransient),
            FlossLearningRate = result.GetValue(FlossLearningRate),
            FlossInput = result.GetValue(FlossInput) is { } input ? Enum.Parse<Lyapunov.InputKind>(input, ignoreCase: true) : null,
            FlossParameters = CommonOptions.GivenList<string>(result, FlossParameters),
        };
    }

    /// <summary>Every run's options checked against its cell before any work: a bad combination is one line and exit 2.</summary>
    public static void Check(CellSpec spec, int n, TrainOptions options)
    {
        var task = DelayedTask.Create(options.Task, options.Delay);
        var layout = spec.Layout(CellDimensions.Of(n, task.InputSize));
        try
        {
            Trainer.Validate(layout, options);
        }
        catch (ArgumentException invalid)
        {
            throw new UsageException(invalid.Message);
        }
        Trainer.Footprint(layout, task.OutputSize, options).Require();
    }
}
