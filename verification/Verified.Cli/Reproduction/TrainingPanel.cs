using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>What a panel plots against the delay: the final test loss (MSE tasks) or the final test accuracy (binary tasks).</summary>
public enum PanelMeasure { TestLoss, TestAccuracy }

/// <summary>A line the paper's text gives, drawn on a panel: a delay (vertical) or a level (horizontal).</summary>
public sealed record Reference(string Label, double? Delay = null, double? Level = null);

/// <summary>
/// One arm of a panel: a flossing schedule and what it changes in the panel's options at each delay
/// (the epochs of the episodes, the flossing horizon, the initialisation, the task's input), run at
/// the panel's delays or only at <paramref name="Delays"/>. Its name is <see cref="RunArm.Key"/> of
/// the options it makes.
/// </summary>
public sealed record PanelArm(FlossingSchedule Schedule, Func<TrainOptions, TrainOptions>? Change = null, int[]? Delays = null)
{
    /// <summary>The options of this arm's runs at one delay of the panel.</summary>
    public TrainOptions Apply(TrainOptions atDelay) => (Change?.Invoke(atDelay) ?? atDelay) with { Flossing = Schedule };

    public static PanelArm None { get; } = new(FlossingSchedule.None);
    public static PanelArm Pre { get; } = new(FlossingSchedule.Pre);

    /// <summary>Episodes of E_f = 500 flossing epochs before training epochs 0, 100, 200, 300 and 400: the captions of Figs 7, 9 and 12 and appendix D.</summary>
    public static PanelArm During { get; } = new(FlossingSchedule.During);

    /// <summary>Flossing for 500 epochs before training and again after 500 epochs of training: Sec 7's text on Fig 4, and appendix G.</summary>
    public static PanelArm DuringAt0And500 { get; } = new(FlossingSchedule.During, options => options with { FlossAt = [0, 500] });

    /// <summary>
    /// <paramref name="arm"/> with a flossing horizon that bridges the delay, T_f = d + the uncounted transient, where it is longer
    /// than the baseline's (appendix F: T_f has to be long enough to bridge the task's temporal correlations, here the delay d).
    /// </summary>
    public static PanelArm BridgingHorizon(PanelArm arm, params int[] delays) =>
        new(arm.Schedule, options =>
        {
            var changed = arm.Apply(options);
            return changed with { FlossSteps = Math.Max(changed.FlossSteps, changed.Delay + changed.FlossTransient) };
        }, delays);

    /// <summary><paramref name="arm"/> with the author's initialisation of the readout, offset and biases (<see cref="ModelInit.AuthorCode"/>).</summary>
    public static PanelArm AuthorInit(PanelArm arm, params int[] delays) =>
        new(arm.Schedule, options => arm.Apply(options) with { ModelInit = ModelInit.AuthorCode }, delays.Length == 0 ? null : delays);

    /// <summary><paramref name="arm"/> with the author's code's input weights (<see cref="InputWeightInit.AuthorCode"/>).</summary>
    public static PanelArm AuthorInput(PanelArm arm, params int[] delays) =>
        new(arm.Schedule, options => arm.Apply(options) with { InputWeights = InputWeightInit.AuthorCode }, delays.Length == 0 ? null : delays);

    /// <summary><paramref name="arm"/> flossing before every <paramref name="every"/>-th training epoch throughout training (Fig 12).</summary>
    public static PanelArm Throughout(int every, int epochs) =>
        new(FlossingSchedule.During, options => options with { FlossAt = [.. Enumerable.Range(0, epochs / every).Select(i => i * every)] });

    /// <summary><paramref name="arm"/> with a penalty of <paramref name="kind"/> at its default weight (Sec 7's controls).</summary>
    public static PanelArm Regularised(PanelArm arm, Training.Regularisers.RegulariserKind kind, params int[] delays) =>
        new(arm.Schedule, options => arm.Apply(options) with { Regulariser = kind }, delays.Length == 0 ? null : delays);

    /// <summary><paramref name="arm"/> trained in float (<see cref="ElementPrecision.Float"/>), as the author's code trains.</summary>
    public static PanelArm InFloat(PanelArm arm, params int[] delays) =>
        new(arm.Schedule, options => arm.Apply(options) with { Precision = ElementPrecision.Float }, delays.Length == 0 ? null : delays);

    /// <summary><paramref name="arm"/> on the copy task with Bernoulli bits as inputs (the author's code's copy task), still with MSE.</summary>
    public static PanelArm BernoulliInput(PanelArm arm, params int[] delays) =>
        new(arm.Schedule, options => arm.Apply(options) with { TaskInput = Lyapunov.InputKind.Bernoulli }, delays.Length == 0 ? null : delays);
}

/// <summary>
/// One panel of a training figure: a task, the delays on its axis, its arms (schedules and their
/// variants) and numbers of flossed exponents k compared, the seeds, and the options every run shares.
/// </summary>
public sealed record TrainingPanel(string Name, string Caption, int N, TrainOptions Baseline, int[] Delays, PanelArm[] Arms, int[] Ks, int Seeds,
    PanelMeasure Measure, Reference[] References, string Cell = TrainingProtocol.Cell)
{
    /// <summary>The names of the panel's arms (<see cref="RunArm.Key"/>), in order.</summary>
    public IReadOnlyList<string> ArmNames => [.. Arms.Select(arm => RunArm.Key(arm.Apply(Baseline with { Delay = (arm.Delays ?? Delays)[0] }).Normalised()))];

    public IEnumerable<TrainingRun> Runs()
    {
        var cell = BuiltInCells.Find(Cell)!;
        var seeds = Enumerable.Range(1, Seeds).Select(seed => (ulong)seed).ToArray();
        return Arms.SelectMany(arm => (arm.Delays ?? Delays).SelectMany(delay =>
            Sweep.Grid(cell, N, arm.Apply(Baseline with { Delay = delay }), [delay], Ks, [arm.Schedule], seeds).Runs));
    }
}
