using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>What a panel plots against the delay: the final test loss (MSE tasks) or the final test accuracy (binary tasks).</summary>
public enum PanelMeasure { TestLoss, TestAccuracy }

/// <summary>A line the paper's text gives, drawn on a panel: a delay (vertical) or a level (horizontal).</summary>
public sealed record Reference(string Label, double? Delay = null, double? Level = null);

/// <summary>
/// One panel of a training figure: a task, the delays on its axis, the flossing schedules and
/// numbers of flossed exponents k compared, the seeds, and the options every run shares.
/// </summary>
public sealed record TrainingPanel(string Name, string Caption, int N, TrainOptions Baseline, int[] Delays, FlossingSchedule[] Schedules, int[] Ks, int Seeds,
    PanelMeasure Measure, Reference[] References)
{
    public IEnumerable<TrainingRun> Runs() =>
        Sweep.Grid(BuiltInCells.Find(TrainingProtocol.Cell)!, N, Baseline, Delays, Ks, Schedules, [.. Enumerable.Range(1, Seeds).Select(seed => (ulong)seed)]).Runs;
}

/// <summary>
/// The training protocol of Figs 3–5, as data in one place. Every number is the paper's where the
/// paper states it and the author's code (RainerEngelken/GradientFlossing) where the paper is
/// silent; docs/reproduction.md gives the source of each. <c>claims</c> is the paper's protocol
/// restricted to the delays that its headline sentences name, with five seeds.
/// </summary>
public static class TrainingProtocol
{
    public const string Cell = "vanilla-tanh";

    /// <summary>The paper's per-run settings: N = 80, g = 1, b = 16, T = 300, 10⁴ epochs, Adam 1e-3 with clipping 0.03; flossing k exponents over T_f = 55 steps (16 not counted) with the task's input, Adam 1e-3, E_p = 500 before training or episodes of 500 at e ∈ {0, 100, 200, 300, 400}.</summary>
    public static TrainOptions Paper { get; } = new()
    {
        Steps = 300, Batch = 16, Epochs = 10_000, LearningRate = 1e-3, Clip = 0.03, Gain = 1.0, TestBatch = 64, EvalEvery = 100,
        FlossEpochs = 500, FlossAt = [0, 100, 200, 300, 400], FlossK = 75, FlossSteps = 55, FlossTransient = 16, FlossLearningRate = 1e-3,
    };

    /// <summary>Minutes on two cores: N = 32, T = 100, 300 epochs, short flossing.</summary>
    public static TrainOptions Small { get; } = new()
    {
        Steps = 100, Batch = 16, Epochs = 300, LearningRate = 3e-3, EvalEvery = 20,
        FlossEpochs = 50, FlossAt = [0, 100, 200], FlossK = 16, FlossSteps = 55, FlossTransient = 16,
    };

    public const int PaperN = 80;
    public const int PaperSeeds = 10;
    public const int ClaimSeeds = 5;
    /// <summary>Final test MSE below this fraction of chance (the variance of the target) counts as trained.</summary>
    public const double TrainedFractionOfChance = 0.1;

    private static readonly FlossingSchedule[] NoneAndPre = [FlossingSchedule.None, FlossingSchedule.Pre];
    private static readonly FlossingSchedule[] AllSchedules = [FlossingSchedule.None, FlossingSchedule.Pre, FlossingSchedule.During];

    public static IReadOnlyList<Scale> ScalesOf(int figure) => figure is 3 or 4 ? [Scale.Small, Scale.Claims, Scale.Paper] : [Scale.Small, Scale.Paper];

    public static IReadOnlyList<TrainingPanel> Panels(int figure, Scale scale) => (figure, scale) switch
    {
        (3, Scale.Paper) =>
        [
            new("copy", "delayed copy task (MSE), flossing k = 40 before training", PaperN, Paper with { Task = "copy", FlossK = 40 },
                [5, 10, 15, 20, 25, 30, 35, 40, 45, 50], NoneAndPre, [40], PaperSeeds, PanelMeasure.TestLoss, CopyReferences),
            new("continuous-xor", "continuous temporal XOR (MSE), flossing k = 75 before training", PaperN, Paper with { Task = "continuous-xor" },
                [10, 20, 30, 40, 50, 60, 70], NoneAndPre, [75], PaperSeeds, PanelMeasure.TestLoss, []),
        ],
        (3, Scale.Claims) =>
        [
            new("copy", "delayed copy task (MSE), flossing k = 40 before training", PaperN, Paper with { Task = "copy", FlossK = 40 },
                [20, 40], NoneAndPre, [40], ClaimSeeds, PanelMeasure.TestLoss, CopyReferences),
        ],
        (3, _) =>
        [
            new("copy", "delayed copy task (MSE), flossing before training", 32, Small with { Task = "copy" }, [5, 10, 15, 20], NoneAndPre, [16], 2, PanelMeasure.TestLoss, CopyReferences),
            new("continuous-xor", "continuous temporal XOR (MSE), flossing before training", 32, Small with { Task = "continuous-xor" }, [6, 12, 20], NoneAndPre, [16], 2, PanelMeasure.TestLoss, []),
        ],
        (4, Scale.Paper) =>
        [
            new("xor", "binary temporal XOR (cross-entropy), none / before / during training, k = 75", PaperN, Paper with { Task = "xor" },
                [10, 20, 30, 40, 50, 60, 70, 80], AllSchedules, [75], PaperSeeds, PanelMeasure.TestAccuracy, XorReferences),
            new("spatial-xor", "spatial XOR of three channels (cross-entropy), none / before / during training, k = 75", PaperN, Paper with { Task = "spatial-xor", Epochs = 5000 },
                [5, 10, 15, 20, 25, 30], AllSchedules, [75], PaperSeeds, PanelMeasure.TestAccuracy, [Chance]),
        ],
        (4, Scale.Claims) =>
        [
            new("xor", "binary temporal XOR (cross-entropy), none / before / during training, k = 75", PaperN, Paper with { Task = "xor" },
                [40, 70], AllSchedules, [75], ClaimSeeds, PanelMeasure.TestAccuracy, XorReferences),
        ],
        (4, _) =>
        [
            new("xor", "binary temporal XOR, none / before / during training", 32, Small with { Task = "xor" }, [6, 12, 20], AllSchedules, [16], 2, PanelMeasure.TestAccuracy, [Chance]),
            new("spatial-xor", "spatial XOR, none / before / during training", 32, Small with { Task = "spatial-xor" }, [2, 4, 8], AllSchedules, [16], 2, PanelMeasure.TestAccuracy, [Chance]),
        ],
        (5, Scale.Paper) =>
        [
            new("xor-k", "binary temporal XOR, flossing k exponents during training", PaperN, Paper with { Task = "xor" },
                [40, 70], [FlossingSchedule.None, FlossingSchedule.During], [1, 5, 10, 20, 40, 75], PaperSeeds, PanelMeasure.TestAccuracy, XorReferences),
        ],
        (5, _) =>
        [
            new("xor-k", "binary temporal XOR, flossing k exponents during training", 32, Small with { Task = "xor" },
                [12, 20], [FlossingSchedule.None, FlossingSchedule.During], [1, 4, 16, 32], 2, PanelMeasure.TestAccuracy, [Chance]),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(figure), $"fig{figure} is not a training figure"),
    };

    private static readonly Reference Chance = new("chance level", Level: 0.5);

    /// <summary>Fig 3C's text: without flossing training fails beyond d = 20; with preflossing it trains reliably at d = 40.</summary>
    private static readonly Reference[] CopyReferences =
        [new("d = 20: no flossing fails beyond", Delay: 20), new("d = 40: preflossing trains reliably", Delay: 40)];

    /// <summary>Fig 4C's text: no flossing falls to chance at d ≥ 40, preflossing at d = 70, flossing during training reaches > 80 % at d = 70.</summary>
    private static readonly Reference[] XorReferences =
        [Chance, new("80 %: during training at d = 70", Level: 0.8), new("d = 40", Delay: 40), new("d = 70", Delay: 70)];
}
