using Verified.Training.Tasks;

namespace Verified.Training;

public enum FlossingSchedule { None, Pre, During }

/// <summary>Options of a training run; the defaults follow the paper (N=80, batch 16, T=300, lr 1e-3, clip 0.03).</summary>
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

    public FlossingSchedule Flossing { get; init; } = FlossingSchedule.None;
    /// <summary>Flossing epochs before training (E_p) or per episode during training (E_f).</summary>
    public int FlossEpochs { get; init; } = 100;
    /// <summary>Training epochs at which an episode of flossing runs (schedule During).</summary>
    public IReadOnlyList<int> FlossAt { get; init; } = [0, 100, 200, 300, 400];
    public int FlossK { get; init; } = 1;
    /// <summary>Flossing horizon T_f.</summary>
    public int FlossSteps { get; init; } = 300;
    /// <summary>Names of the flossed cell parameters; null for all.</summary>
    public IReadOnlyList<string>? FlossParameters { get; init; }
    public double FlossLearningRate { get; init; } = 1e-3;
}

/// <summary>Metrics of one training epoch: σ1, σ20, σ40 are singular values of ∂L/∂W (NaN past N).</summary>
public sealed record TrainEpoch(int Epoch, double Loss, double TestLoss, double TestAccuracy, double GradNormH0, double[] GradientSingularValues, double Seconds);

public sealed record TrainResult(IReadOnlyList<TrainEpoch> History, TrainEpoch Final, double Lambda1After, IReadOnlyList<int> FlossedAtEpochs);
