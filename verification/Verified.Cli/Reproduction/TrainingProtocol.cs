using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The training protocol of Figs 3–5 and of the Fig 3C ablation, as data in one place. Every number
/// is the paper's where its text or a caption states it, and the author's code
/// (RainerEngelken/GradientFlossing) only where the paper is silent; docs/reproduction.md gives the
/// source of each. <c>claims</c> is the paper's protocol restricted to the delays and arms that its
/// sentences name, with five seeds.
/// </summary>
public static class TrainingProtocol
{
    public const string Cell = "vanilla-tanh";

    /// <summary>
    /// The per-run settings of Figs 3–5's captions: N = 80, g = 1, b = 16, T = 300, 10⁴ epochs, E_f = 500 flossing epochs on
    /// k = 75; Adam (Sec 3) at 1e-3 with each parameter's gradient clipped to 0.03 (the code); flossing over T_f = 55 steps,
    /// 16 of them not counted (the code), with episodes during training at e ∈ {0, 100, 200, 300, 400} (Figs 7, 9, 12).
    /// </summary>
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
    /// <summary>Networks per point at the paper scale. The captions give 5 (Fig 3A), 20 (Fig 4A, Fig 9) and 10 (Figs 1, 6, 8); 10 is our compromise for every point of an axis.</summary>
    public const int PaperSeeds = 10;
    public const int ClaimSeeds = 5;
    /// <summary>Final test MSE below this fraction of chance (the variance of the target) counts as trained.</summary>
    public const double TrainedFractionOfChance = 0.1;

    /// <summary>The training figures by name: the paper's Figs 3, 4 and 5, and the ablation of Fig 3C's departures from the author's code.</summary>
    public static IReadOnlyList<string> Figures { get; } = ["fig3", "fig4", "fig5", "fig3-ablation"];

    public static string Title(string figure) => figure switch
    {
        "fig3" => "flossing before training: copy task and continuous temporal XOR, final test loss against the delay",
        "fig4" => "flossing before and during training: binary temporal and spatial XOR, final test accuracy against the delay",
        "fig5" => "the number of flossed exponents k: binary temporal XOR, final test accuracy against k",
        _ => "Fig 3C's copy task without flossing under the author's code's initialisation and inputs, against the recorded protocol",
    };

    public static IReadOnlyList<Scale> ScalesOf(string figure) => figure switch
    {
        "fig3" or "fig4" => [Scale.Small, Scale.Claims, Scale.Paper],
        "fig3-ablation" => [Scale.Claims, Scale.Paper],
        _ => [Scale.Small, Scale.Paper],
    };

    private static readonly PanelArm[] NoneAndPre = [PanelArm.None, PanelArm.Pre];
    private static readonly PanelArm[] Fig4Arms = [PanelArm.None, PanelArm.Pre, PanelArm.During, PanelArm.DuringAt0And500];

    public static IReadOnlyList<TrainingPanel> Panels(string figure, Scale scale) => (figure, scale) switch
    {
        ("fig3", Scale.Paper) =>
        [
            new("copy", "delayed copy task (MSE), flossing k = 40 before training", PaperN, Paper with { Task = "copy", FlossK = 40 },
                [5, 10, 15, 20, 25, 30, 35, 40, 45, 50], NoneAndPre, [40], PaperSeeds, PanelMeasure.TestLoss, CopyReferences),
            new("continuous-xor", "continuous temporal XOR (MSE), flossing k = 75 before training", PaperN, Paper with { Task = "continuous-xor" },
                [10, 20, 30, 40, 50, 60, 70], NoneAndPre, [75], PaperSeeds, PanelMeasure.TestLoss, []),
        ],
        ("fig3", Scale.Claims) =>
        [
            new("copy", "delayed copy task (MSE), flossing k = 40 before training", PaperN, Paper with { Task = "copy", FlossK = 40 },
                [20, 40], NoneAndPre, [40], ClaimSeeds, PanelMeasure.TestLoss, CopyReferences),
        ],
        ("fig3", _) =>
        [
            new("copy", "delayed copy task (MSE), flossing before training", 32, Small with { Task = "copy" }, [5, 10, 15, 20], NoneAndPre, [16], 2, PanelMeasure.TestLoss, CopyReferences),
            new("continuous-xor", "continuous temporal XOR (MSE), flossing before training", 32, Small with { Task = "continuous-xor" }, [6, 12, 20], NoneAndPre, [16], 2, PanelMeasure.TestLoss, []),
        ],
        ("fig4", Scale.Paper) =>
        [
            new("xor", "binary temporal XOR (cross-entropy), k = 75: none, before, during training", PaperN, Paper with { Task = "xor" },
                [10, 20, 30, 40, 50, 60, 70, 80], [.. Fig4Arms, PanelArm.BridgingHorizon(PanelArm.Pre, 70, 80), PanelArm.BridgingHorizon(PanelArm.During, 70, 80), .. Controls(40, 70)],
                [75], PaperSeeds, PanelMeasure.TestAccuracy, XorReferences),
            new("spatial-xor", "spatial XOR of three bits (cross-entropy), k = 75: none, before, during training", PaperN, Paper with { Task = "spatial-xor" },
                [10, 20, 30, 40, 50, 60, 70, 80], [.. Fig4Arms, PanelArm.BridgingHorizon(PanelArm.Pre, 70, 80), PanelArm.BridgingHorizon(PanelArm.During, 70, 80)],
                [75], PaperSeeds, PanelMeasure.TestAccuracy, SpatialXorReferences),
        ],
        ("fig4", Scale.Claims) =>
        [
            new("xor", "binary temporal XOR (cross-entropy), k = 75: none, before, during training", PaperN, Paper with { Task = "xor" },
                [40, 70], [.. Fig4Arms, PanelArm.BridgingHorizon(PanelArm.Pre, 70), PanelArm.BridgingHorizon(PanelArm.During, 70), .. Controls(40)],
                [75], ClaimSeeds, PanelMeasure.TestAccuracy, XorReferences),
            new("spatial-xor", "spatial XOR of three bits (cross-entropy), k = 75: none, before, during training", PaperN, Paper with { Task = "spatial-xor" },
                [60, 70], Fig4Arms, [75], ClaimSeeds, PanelMeasure.TestAccuracy, SpatialXorReferences),
        ],
        ("fig4", _) =>
        [
            new("xor", "binary temporal XOR, none / before / during training", 32, Small with { Task = "xor" }, [6, 12, 20], [PanelArm.None, PanelArm.Pre, PanelArm.During], [16], 2, PanelMeasure.TestAccuracy, [Chance]),
            new("spatial-xor", "spatial XOR, none / before / during training", 32, Small with { Task = "spatial-xor" }, [2, 4, 8], [PanelArm.None, PanelArm.Pre, PanelArm.During], [16], 2, PanelMeasure.TestAccuracy, [Chance]),
        ],
        ("fig5", Scale.Paper) =>
        [
            new("xor-k", "binary temporal XOR, flossing k exponents during training", PaperN, Paper with { Task = "xor" },
                [40, 70], [PanelArm.None, PanelArm.During], [1, 5, 10, 20, 40, 75], PaperSeeds, PanelMeasure.TestAccuracy, XorReferences),
        ],
        ("fig5", _) =>
        [
            new("xor-k", "binary temporal XOR, flossing k exponents during training", 32, Small with { Task = "xor" },
                [12, 20], [PanelArm.None, PanelArm.During], [1, 4, 16, 32], 2, PanelMeasure.TestAccuracy, [Chance]),
        ],
        ("fig3-ablation", _) =>
        [
            new("copy", "copy task (MSE): our protocol, the author's init (A1), bits as inputs (A2); preflossing under each at d = 40",
                PaperN, Paper with { Task = "copy", FlossK = 40 }, [30, 40],
                [PanelArm.None, PanelArm.AuthorInit(PanelArm.None), PanelArm.BernoulliInput(PanelArm.None),
                    PanelArm.AuthorInit(PanelArm.Pre, 40), PanelArm.BernoulliInput(PanelArm.Pre, 40)],
                [40], scale == Scale.Paper ? PaperSeeds : ClaimSeeds, PanelMeasure.TestLoss, CopyReferences),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(figure), $"{figure} is not a training figure"),
    };

    /// <summary>Sec 7's controls: the spectral radius of W, or the one-step Jacobians, regularised instead of flossing, at <paramref name="delays"/>.</summary>
    private static PanelArm[] Controls(params int[] delays) =>
        [PanelArm.Regularised(PanelArm.None, Training.Regularisers.RegulariserKind.SpectralRadius, delays),
            PanelArm.Regularised(PanelArm.None, Training.Regularisers.RegulariserKind.JacobianSingularValues, delays)];

    private static readonly Reference Chance = new("chance level", Level: 0.5);

    /// <summary>Sec 6 on Fig 3C: without flossing training fails beyond d = 20; with preflossing it trains reliably at d = 40.</summary>
    private static readonly Reference[] CopyReferences =
        [new("d = 20: no flossing fails beyond", Delay: 20), new("d = 40: preflossing trains reliably", Delay: 40)];

    /// <summary>Sec 7 on Fig 4C: no flossing falls to chance at d ≥ 40, preflossing at d = 70, flossing during training reaches > 80 % at d = 70.</summary>
    private static readonly Reference[] XorReferences =
        [Chance, new("80 %: during training at d = 70", Level: 0.8), new("d = 40", Delay: 40), new("d = 70", Delay: 70)];

    /// <summary>Sec 7 on Fig 4D: preflossing starts failing for d > 60; flossing during training solves longer delays.</summary>
    private static readonly Reference[] SpatialXorReferences = [Chance, new("d = 60: preflossing starts failing beyond", Delay: 60)];
}
