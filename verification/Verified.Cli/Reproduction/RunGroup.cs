using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The runs of one cell, task, delay and arm (<see cref="RunArm.Key"/>) summarised: the final test loss
/// and accuracy (mean, median, 20 % and 80 % percentiles; the accuracy NaN, written null, for a task
/// without one, <see cref="Verified.Training.Tasks.DelayedTask.HasAccuracy"/>), how many runs trained, and the median of
/// the first evaluated epoch at which a run met the trained criterion (null when fewer than half of
/// the runs ever did).
/// </summary>
public sealed record RunGroup(string Task, int Delay, string Arm, int K, int Runs, double MeanLoss, double LossP20, double LossP80,
    double MeanAccuracy, double AccuracyP20, double AccuracyP80, int Trained, double? MedianEpochsToTrain, double MedianLoss = double.NaN, double MedianAccuracy = double.NaN,
    string Cell = TrainingProtocol.Cell, bool HasAccuracy = true)
{
    public static IReadOnlyList<RunGroup> Of(IEnumerable<SweepResult> results) =>
        [.. results.GroupBy(result => (result.Run.Cell, result.Run.Options.Task, result.Run.Options.Delay, Arm: RunArm.Key(result.Run.Options), K: result.Run.Options.Flossing == FlossingSchedule.None ? 0 : result.Run.Options.FlossK))
            .OrderBy(group => group.Key.Cell, StringComparer.Ordinal).ThenBy(group => group.Key.Task, StringComparer.Ordinal).ThenBy(group => group.Key.Delay).ThenBy(group => group.Key.Arm, StringComparer.Ordinal).ThenBy(group => group.Key.K)
            .Select(group =>
            {
                var loss = group.Select(result => result.Outcome.Final.TestLoss).ToList();
                var first = group.First().Run.Options;
                var hasAccuracy = Verified.Training.Tasks.DelayedTask.Create(first.Task, first.Delay, first.TaskInput).HasAccuracy;
                var accuracy = hasAccuracy ? group.Select(result => result.Outcome.Final.TestAccuracy).ToList() : [];
                return new RunGroup(group.Key.Task, group.Key.Delay, group.Key.Arm, group.Key.K, loss.Count,
                    loss.Average(), Statistics.Percentile(loss, 0.2), Statistics.Percentile(loss, 0.8),
                    hasAccuracy ? accuracy.Average() : double.NaN, Statistics.Percentile(accuracy, 0.2), Statistics.Percentile(accuracy, 0.8),
                    group.Count(PaperClaims.Trained),
                    Median([.. group.Select(PaperClaims.EpochsToTrain)]),
                    Statistics.Percentile(loss, 0.5), Statistics.Percentile(accuracy, 0.5), group.Key.Cell, hasAccuracy);
            })];

    /// <summary>The median, with a run that never trained counted as later than any epoch.</summary>
    private static double? Median(IReadOnlyList<int?> epochs)
    {
        var median = Statistics.Percentile([.. epochs.Select(epoch => epoch is { } e ? e : double.PositiveInfinity)], 0.5);
        return double.IsFinite(median) ? median : null;
    }
}
