using Verified.Lyapunov;
using Verified.Training.Tasks;

namespace Verified.Training;

public enum FlossingSchedule { None, Pre, During }

/// <summary>
/// Options of a training run; the defaults follow the paper and the author's code (N=80, batch 16,
/// T=300, Adam lr 1e-3, clip 0.03; docs/reproduction.md gives each source). Every option enters a
/// run's identity (<see cref="TrainingRun"/>).
/// </summary>
public sealed record TrainOptions
{
    public string Task { get; init; } = "copy";
    public int Delay { get; init; } = 10;
    public int Steps { get; init; } = 300;
    public int Batch { get; init; } = 16;
    public int Epochs { get; init; } = 500;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Per-parameter gradient-norm bound.</summary>
    public double? Clip { get; init; } = 0.03;
    public double Gain { get; init; } = 1.0;
    /// <summary>Gaussian (the default, N(0, g²/N)) or Orthogonal (g times orthogonal) recurrent matrices.</summary>
    public Init RecurrentInit { get; init; } = Init.RecurrentGaussian;
    public ulong Seed { get; init; } = 1;
    /// <summary>MSE or binary cross-entropy; null for the task's own loss.</summary>
    public LossKind? Loss { get; init; }
    public int TestBatch { get; init; } = 64;
    /// <summary>Epochs between evaluations of the test set and the gradient metrics; the first and the last epoch are always evaluated.</summary>
    public int EvalEvery { get; init; } = 100;

    public FlossingSchedule Flossing { get; init; } = FlossingSchedule.None;
    /// <summary>Flossing epochs before training (E_p) or per episode during training (E_f).</summary>
    public int FlossEpochs { get; init; } = 500;
    /// <summary>Training epochs at which an episode of flossing runs (schedule During).</summary>
    public IReadOnlyList<int> FlossAt { get; init; } = [0, 100, 200, 300, 400];
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

    /// <summary>The options with those that cannot change the run's result reset to their defaults: a run without flossing has no flossing options, a preflossed run no episodes.</summary>
    public TrainOptions Normalised()
    {
        var defaults = new TrainOptions();
        return Flossing switch
        {
            FlossingSchedule.None => this with
            {
                FlossEpochs = defaults.FlossEpochs, FlossAt = [], FlossK = defaults.FlossK, FlossSteps = defaults.FlossSteps,
                FlossTransient = defaults.FlossTransient, FlossInput = null, FlossParameters = null, FlossLearningRate = defaults.FlossLearningRate,
            },
            FlossingSchedule.Pre => this with { FlossAt = [] },
            _ => this with { FlossAt = [.. FlossAt.Distinct().Order()] },
        };
    }
}

/// <summary>
/// Metrics at one evaluated epoch: the training batch's loss and ‖∂L/∂h_0‖ of that epoch, the test
/// set's loss and accuracy after its update, σ1, σ20, σ40 of ∂L/∂W (NaN past N), and the wall time
/// per epoch since the previous record, evaluation included.
/// </summary>
public sealed record TrainEpoch(int Epoch, double Loss, double TestLoss, double TestAccuracy, double GradNormH0, double[] GradientSingularValues, double Seconds);

/// <summary>One flossing episode inside training: the epoch it ran before, its length, and the flossing loss and exponents of its first and last epoch.</summary>
public sealed record FlossingEpisode(int AtEpoch, int Epochs, double LossFirst, double LossLast, double[] ExponentsFirst, double[] ExponentsLast);

/// <summary>A finished training run: its evaluations, the last of them, λ1 after training, the flossing episodes, the wall time and the trained parameters [θ_cell, W_out, c, h_0].</summary>
public sealed record TrainResult(IReadOnlyList<TrainEpoch> History, TrainEpoch Final, double Lambda1After, IReadOnlyList<FlossingEpisode> FlossingEpisodes, double Seconds, double[] Theta);
