using System.Text.Json.Serialization;
using Verified.Lyapunov;
using Verified.Training.Tasks;

namespace Verified.Training;

/// <summary>When a training run flosses (the paper's Figs 3–5).</summary>
public enum FlossingSchedule
{
    /// <summary>No flossing.</summary>
    None,
    /// <summary>Flossing for <see cref="TrainOptions.FlossEpochs"/> epochs before training.</summary>
    Pre,
    /// <summary>An episode of flossing before each epoch of <see cref="TrainOptions.FlossAt"/>.</summary>
    During,
}

/// <summary>
/// Options of a training run; the defaults follow the paper and the author's code (N=80, batch 16,
/// T=300, Adam lr 1e-3, clip 0.03; docs/reproduction.md gives each source). Every option enters a
/// run's identity (Verified.Experiments' TrainingRun).
/// </summary>
public sealed record TrainOptions
{
    /// <summary>The task's name (<see cref="DelayedTask.Names"/>).</summary>
    public string Task { get; init; } = "copy";

    /// <summary>The task's delay d in steps.</summary>
    public int Delay { get; init; } = 10;

    /// <summary>Sequence length T of the training and test batches.</summary>
    public int Steps { get; init; } = 300;

    /// <summary>Sequences per training batch.</summary>
    public int Batch { get; init; } = 16;

    /// <summary>Training epochs, one batch each.</summary>
    public int Epochs { get; init; } = 500;

    /// <summary>Adam's learning rate for training.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Per-parameter gradient-norm bound.</summary>
    public double? Clip { get; init; } = 0.03;
    /// <summary>The gain g of the recurrent initialisation.</summary>
    public double Gain { get; init; } = 1.0;
    /// <summary>Gaussian (the default, N(0, g²/N)) or Orthogonal (g times orthogonal) recurrent matrices.</summary>
    public Init RecurrentInit { get; init; } = Init.RecurrentGaussian;
    /// <summary>Seed of the initialisation, the training batches and flossing.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>MSE or binary cross-entropy; null for the task's own loss.</summary>
    public LossKind? Loss { get; init; }
    /// <summary>
    /// How the readout, the offset and the biases start; null for <see cref="Training.ModelInit.Verified"/>. Left out of the
    /// key while null, so that every run recorded before the option existed keeps its id.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ModelInit? ModelInit { get; init; }
    /// <summary>
    /// How the input weights start; null for <see cref="InputWeightInit.Declared"/>. Only a task with more than one input
    /// (the spatial XOR) can change them. Left out of the key while null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InputWeightInit? InputWeights { get; init; }
    /// <summary>
    /// The distribution of the task's inputs; null for the task's own (<see cref="DelayedTask.Input"/>). Only the copy task
    /// takes another (Bernoulli bits, as the author's code draws them). Left out of the key while null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InputKind? TaskInput { get; init; }
    /// <summary>The element type of the run's kernels; null for double. Left out of the key while null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ElementPrecision? Precision { get; init; }
    /// <summary>A penalty added to the training loss instead of flossing (Sec 7's controls); null for none. Left out of the key while null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Regularisers.RegulariserKind? Regulariser { get; init; }
    /// <summary>The penalty's weight β; null without a penalty, <see cref="DefaultRegularisationWeight"/> when one is chosen without a weight.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RegularisationWeight { get; init; }
    /// <summary>
    /// Whether each evaluation also records |cos| between ∂L/∂h_0 of the batch's first sequence and the first forward
    /// Lyapunov vector at h_0 along it (<see cref="TrainEpoch.ClvOverlap"/>); null for no. It changes no number of the run
    /// but its history. Left out of the key while null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RecordClvOverlap { get; init; }
    /// <summary>Sequences in the test set (drawn from a seed training never sees).</summary>
    public int TestBatch { get; init; } = 64;
    /// <summary>Epochs between evaluations of the test set and the gradient metrics; the first and the last epoch are always evaluated.</summary>
    public int EvalEvery { get; init; } = 100;

    /// <summary>When to floss.</summary>
    public FlossingSchedule Flossing { get; init; } = FlossingSchedule.None;
    /// <summary>Flossing epochs before training (E_p) or per episode during training (E_f).</summary>
    public int FlossEpochs { get; init; } = 500;
    /// <summary>Training epochs at which an episode of flossing runs (schedule During).</summary>
    public IReadOnlyList<int> FlossAt { get; init; } = [0, 100, 200, 300, 400];
    /// <summary>The number k of flossed exponents.</summary>
    public int FlossK { get; init; } = 1;
    /// <summary>Flossing horizon T_f (the author's code: 55 steps).</summary>
    public int FlossSteps { get; init; } = 55;
    /// <summary>Steps at the start of each flossing horizon that are not counted (the author's code: 10 + ⌈T_f/10⌉ = 16).</summary>
    public int FlossTransient { get; init; } = 16;
    /// <summary>The input during flossing; null for the task's own input distribution.</summary>
    public InputKind? FlossInput { get; init; }
    /// <summary>Names of the flossed cell parameters; null for all but a [TimeStep] parameter (an empty list is refused).</summary>
    public IReadOnlyList<string>? FlossParameters { get; init; }
    /// <summary>Adam's learning rate while flossing (the author's code: 1e-3, as for training).</summary>
    public double FlossLearningRate { get; init; } = 1e-3;

    /// <summary>The weight β of a penalty chosen without one.</summary>
    public const double DefaultRegularisationWeight = 0.1;

    /// <summary>The options with those that cannot change the run's result reset to their defaults: a run without flossing has no flossing options, a preflossed run no episodes.</summary>
    public TrainOptions Normalised()
    {
        var defaults = new TrainOptions();
        var normal = this with
        {
            // An option at its default is written as null, so that it stays out of the key and the id.
            ModelInit = ModelInit == Training.ModelInit.Verified ? null : ModelInit,
            InputWeights = InputWeights == InputWeightInit.Declared ? null : InputWeights,
            TaskInput = TaskInput is { } input && DelayedTask.OwnInput(Task) == input ? null : TaskInput,
            RegularisationWeight = Regulariser is null ? null : RegularisationWeight ?? DefaultRegularisationWeight,
            Precision = Precision == ElementPrecision.Double ? null : Precision,
            RecordClvOverlap = RecordClvOverlap == true ? true : null,
        };
        return normal.Flossing switch
        {
            FlossingSchedule.None => normal with
            {
                FlossEpochs = defaults.FlossEpochs, FlossAt = [], FlossK = defaults.FlossK, FlossSteps = defaults.FlossSteps,
                FlossTransient = defaults.FlossTransient, FlossInput = null, FlossParameters = null, FlossLearningRate = defaults.FlossLearningRate,
            },
            FlossingSchedule.Pre => normal with { FlossAt = [] },
            _ => normal with { FlossAt = [.. FlossAt.Distinct().Order()] },
        };
    }
}

/// <summary>
/// Metrics at one evaluated epoch: the training batch's loss and ‖∂L/∂h_0‖ of that epoch, the test
/// set's loss and accuracy after its update, σ1, σ20, σ40 of ∂L/∂W (NaN past N), and the wall time
/// per epoch since the previous record, evaluation included.
/// </summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Loss">The training batch's loss at that epoch.</param>
/// <param name="TestLoss">The test set's loss after the epoch's update.</param>
/// <param name="TestAccuracy">The test set's accuracy (binary tasks) after the update.</param>
/// <param name="GradNormH0">‖∂L/∂h_0‖ of the epoch's batch.</param>
/// <param name="GradientSingularValues">σ1, σ20, σ40 of ∂L/∂W (NaN past N).</param>
/// <param name="Seconds">Wall time per epoch since the previous record.</param>
public sealed record TrainEpoch(int Epoch, double Loss, double TestLoss, double TestAccuracy, double GradNormH0, double[] GradientSingularValues, double Seconds)
{
    /// <summary>
    /// |cos| between ∂L/∂h_0 through the training batch's first sequence and the first forward Lyapunov vector at h_0
    /// along that sequence (the leading right singular vector of T_t = D_{t−1} ⋯ D_0 over the whole sequence; docs/design.md,
    /// "The first forward vector at h_0"), at θ before the epoch's update; null unless <see cref="TrainOptions.RecordClvOverlap"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ClvOverlap { get; init; }
}

/// <summary>One flossing episode inside training: the epoch it ran before, its length, the flossing loss and exponents of its first and last epoch, and its wall time (appendix F compares it with the training's).</summary>
/// <param name="AtEpoch">The training epoch it ran before (0 for preflossing).</param>
/// <param name="Epochs">Its flossing epochs.</param>
/// <param name="LossFirst">The flossing loss Σλᵢ² of its first epoch.</param>
/// <param name="LossLast">The flossing loss of its last epoch.</param>
/// <param name="ExponentsFirst">The k flossed exponents at its first epoch.</param>
/// <param name="ExponentsLast">The k flossed exponents at its last epoch.</param>
/// <param name="Seconds">Its wall time; null in runs recorded before it was kept.</param>
public sealed record FlossingEpisode(int AtEpoch, int Epochs, double LossFirst, double LossLast, double[] ExponentsFirst, double[] ExponentsLast, double? Seconds = null);

/// <summary>A finished training run: its evaluations, the last of them, λ1 after training, the flossing episodes, the wall time and the trained parameters [θ_cell, W_out, c, h_0].</summary>
/// <param name="History">One record per evaluated epoch.</param>
/// <param name="Final">The last epoch's record.</param>
/// <param name="Lambda1After">The largest Lyapunov exponent of the trained network.</param>
/// <param name="FlossingEpisodes">The flossing episodes, in order.</param>
/// <param name="Seconds">The run's wall time.</param>
/// <param name="Theta">The trained parameters [θ_cell, W_out, c, h_0].</param>
public sealed record TrainResult(IReadOnlyList<TrainEpoch> History, TrainEpoch Final, double Lambda1After, IReadOnlyList<FlossingEpisode> FlossingEpisodes, double Seconds, double[] Theta)
{
    /// <summary>The trained network's leading exponents λ1 … λ10 (fewer for a smaller state), descending.</summary>
    public double[] ExponentsAfter { get; init; } = [Lambda1After];
}
