using System.Globalization;
using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The runs of one task, delay and schedule, summarised: the final test loss and accuracy (mean, 20 %
/// and 80 % percentiles), how many runs trained, and the median of the first evaluated epoch at which
/// a run met the trained criterion (null when fewer than half of the runs ever did).
/// </summary>
public sealed record RunGroup(string Task, int Delay, string Schedule, int K, int Runs, double MeanLoss, double LossP20, double LossP80,
    double MeanAccuracy, double AccuracyP20, double AccuracyP80, int Trained, double? MedianEpochsToTrain)
{
    public static IReadOnlyList<RunGroup> Of(IEnumerable<SweepResult> results) =>
        [.. results.GroupBy(result => (result.Run.Options.Task, result.Run.Options.Delay, result.Run.Options.Flossing, K: result.Run.Options.Flossing == FlossingSchedule.None ? 0 : result.Run.Options.FlossK))
            .OrderBy(group => group.Key.Task, StringComparer.Ordinal).ThenBy(group => group.Key.Delay).ThenBy(group => group.Key.Flossing).ThenBy(group => group.Key.K)
            .Select(group =>
            {
                var loss = group.Select(result => result.Outcome.Final.TestLoss).ToList();
                var accuracy = group.Select(result => result.Outcome.Final.TestAccuracy).ToList();
                return new RunGroup(group.Key.Task, group.Key.Delay, group.Key.Flossing.ToString().ToLowerInvariant(), group.Key.K, loss.Count,
                    loss.Average(), Statistics.Percentile(loss, 0.2), Statistics.Percentile(loss, 0.8),
                    accuracy.Average(), Statistics.Percentile(accuracy, 0.2), Statistics.Percentile(accuracy, 0.8),
                    group.Count(PaperClaims.Trained),
                    Median([.. group.Select(PaperClaims.EpochsToTrain)]));
            })];

    /// <summary>The median, with a run that never trained counted as later than any epoch.</summary>
    private static double? Median(IReadOnlyList<int?> epochs)
    {
        var median = Statistics.Percentile([.. epochs.Select(epoch => epoch is { } e ? e : double.PositiveInfinity)], 0.5);
        return double.IsFinite(median) ? median : null;
    }
}

/// <summary>A sentence of the paper, what we measured for it, and whether it holds on our runs.</summary>
public sealed record ClaimVerdict(string Sentence, string Test, string Measured, string Verdict);

/// <summary>
/// The paper's headline sentences about training (Figs 3C and 4C) as tests on finished runs. A
/// copy-task run has trained when its final test MSE is below a tenth of chance (the target's
/// variance), a run of a binary task when its final test accuracy exceeds 80 %; "reliably" means at least 4 runs in 5; "chance" means a mean final test accuracy of at
/// most 0.55. A claim whose runs are missing is "not yet run".
/// </summary>
public static class PaperClaims
{
    public const double ChanceAccuracy = 0.55;
    public const double Reliable = 0.8;
    /// <summary>A run of a binary task has trained when its final test accuracy exceeds the paper's 80 %.</summary>
    public const double TrainedAccuracy = 0.8;

    public static bool Trained(SweepResult result) => Meets(result.Run.Options.Task, result.Outcome.Final);

    /// <summary>The first evaluated epoch at which the run met the trained criterion; null if it never did.</summary>
    public static int? EpochsToTrain(SweepResult result) =>
        result.Outcome.History.FirstOrDefault(epoch => Meets(result.Run.Options.Task, epoch)) is { } first ? first.Epoch : null;

    private static bool Meets(string task, TrainEpoch epoch) =>
        Statistics.ChanceLoss(task) is { } chance ? epoch.TestLoss < TrainingProtocol.TrainedFractionOfChance * chance : epoch.TestAccuracy > TrainedAccuracy;

    public static IReadOnlyList<ClaimVerdict> Evaluate(IReadOnlyList<RunGroup> groups)
    {
        RunGroup? Find(string task, int delay, string schedule) => groups.FirstOrDefault(group => group.Task == task && group.Delay == delay && group.Schedule == schedule);
        var verdicts = new List<ClaimVerdict>();
        void Claim(string sentence, string test, RunGroup?[] needed, Func<RunGroup[], (string Measured, bool Holds)> judge)
        {
            if (needed.Any(group => group is null))
            {
                verdicts.Add(new ClaimVerdict(sentence, test, "—", "not yet run"));
                return;
            }
            var (measured, holds) = judge([.. needed!]);
            verdicts.Add(new ClaimVerdict(sentence, test, measured, holds ? "holds" : "does not hold"));
        }
        static string Fraction(RunGroup group) => $"{group.Trained}/{group.Runs} trained (final test MSE {F(group.MeanLoss)}, 20–80 %: {F(group.LossP20)}–{F(group.LossP80)})";
        static string Epoch(RunGroup group) => group.MedianEpochsToTrain is { } epoch ? $"epoch {epoch:0}" : "not reached by half the runs";
        static string Accuracy(RunGroup group) => $"final test accuracy {F(group.MeanAccuracy)} (20–80 %: {F(group.AccuracyP20)}–{F(group.AccuracyP80)}, {group.Runs} runs)";

        if (groups.Any(group => group.Task == "copy"))
        {
            Claim("Copy task: without flossing, training fails beyond d = 20 (Fig 3C).",
                $"no flossing: at most 1 in 5 runs trained at d = 40, at least 4 in 5 at d = 20 (trained: final test MSE < {TrainingProtocol.TrainedFractionOfChance} × 1/12)",
                [Find("copy", 20, "none"), Find("copy", 40, "none")],
                g => ($"d = 20: {Fraction(g[0])}; d = 40: {Fraction(g[1])}", g[1].Trained <= (1 - Reliable) * g[1].Runs && g[0].Trained >= Reliable * g[0].Runs));
            Claim("Copy task: with preflossing, training succeeds reliably at d = 40 (Fig 3C).",
                "preflossing: at least 4 in 5 runs trained at d = 40",
                [Find("copy", 40, "pre")],
                g => ($"d = 40: {Fraction(g[0])}", g[0].Trained >= Reliable * g[0].Runs));
            Claim("Copy task: preflossing speeds up convergence (the abstract: flossing before training \"enhances both the success rate and convergence speed\").",
                "median first epoch of a trained test MSE at d = 40: preflossing earlier than no flossing (a run that never trains counts as last)",
                [Find("copy", 40, "pre"), Find("copy", 40, "none")],
                g => ($"d = 40: preflossing {Epoch(g[0])}, no flossing {Epoch(g[1])}", g[0].MedianEpochsToTrain is { } pre && (g[1].MedianEpochsToTrain is not { } none || pre < none)));
        }
        if (groups.Any(group => group.Task == "xor"))
        {
            Claim("Temporal XOR: without flossing, accuracy falls to chance at d ≥ 40 (Fig 4C).",
                $"no flossing: mean final test accuracy ≤ {ChanceAccuracy} at d = 40 and d = 70",
                [Find("xor", 40, "none"), Find("xor", 70, "none")],
                g => ($"d = 40: {Accuracy(g[0])}; d = 70: {Accuracy(g[1])}", g.All(group => group.MeanAccuracy <= ChanceAccuracy)));
            Claim("Temporal XOR: preflossing improves on no flossing (Fig 4C).",
                "mean final test accuracy at d = 40 with preflossing above that without flossing by more than 0.05",
                [Find("xor", 40, "pre"), Find("xor", 40, "none")],
                g => ($"d = 40: preflossing {F(g[0].MeanAccuracy)}, none {F(g[1].MeanAccuracy)}", g[0].MeanAccuracy > g[1].MeanAccuracy + 0.05));
            Claim("Temporal XOR: with preflossing only, accuracy goes to chance at d = 70 (Fig 4C).",
                $"preflossing: mean final test accuracy ≤ {ChanceAccuracy} at d = 70",
                [Find("xor", 70, "pre")],
                g => ($"d = 70: {Accuracy(g[0])}", g[0].MeanAccuracy <= ChanceAccuracy));
            Claim("Temporal XOR: flossing during training reaches more than 80 % accuracy at d = 70 (Fig 4C).",
                "flossing during training: mean final test accuracy > 0.8 at d = 70",
                [Find("xor", 70, "during")],
                g => ($"d = 70: {Accuracy(g[0])}", g[0].MeanAccuracy > 0.8));
        }
        return verdicts;
    }

    /// <summary>The claims as a Markdown table, with the groups behind them.</summary>
    public static string Markdown(IReadOnlyList<ClaimVerdict> verdicts, IReadOnlyList<RunGroup> groups)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("| claim | test | measured | verdict |").AppendLine("|---|---|---|---|");
        foreach (var verdict in verdicts)
        {
            text.AppendLine($"| {verdict.Sentence} | {verdict.Test} | {verdict.Measured} | **{verdict.Verdict}** |");
        }
        text.AppendLine().AppendLine("| task | d | schedule | k | runs | final test loss: mean (20–80 %) | final test accuracy: mean (20–80 %) | trained | median epoch trained |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var g in groups)
        {
            text.AppendLine($"| {g.Task} | {g.Delay} | {g.Schedule} | {(g.K == 0 ? "—" : g.K.ToString(CultureInfo.InvariantCulture))} | {g.Runs} | {F(g.MeanLoss)} ({F(g.LossP20)}–{F(g.LossP80)}) | {F(g.MeanAccuracy)} ({F(g.AccuracyP20)}–{F(g.AccuracyP80)}) | {g.Trained}/{g.Runs} | {(g.MedianEpochsToTrain is { } e ? e.ToString("0", CultureInfo.InvariantCulture) : "not reached")} |");
        }
        return text.ToString();
    }

    private static string F(double value) => value.ToString(Math.Abs(value) < 0.01 ? "0.00e+0" : "0.000", CultureInfo.InvariantCulture);
}
