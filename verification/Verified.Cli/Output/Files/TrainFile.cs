using Verified.Training;

namespace Verified.Cli.Output.Files;

/// <summary>
/// What `train --json` writes: the run's id (null for a run that started from files, which is not the run its options
/// name), the evaluated epochs, the final one, the exponents after training and each flossing episode.
/// </summary>
public sealed record TrainFile(
    RunConfiguration Configuration,
    string? Id,
    IReadOnlyList<TrainEpoch> History,
    TrainEpoch Final,
    double Lambda1After,
    double[] ExponentsAfter,
    IReadOnlyList<FlossingEpisode> FlossingEpisodes,
    double Seconds) : CellRunFile("train", Configuration)
{
    /// <summary>The file of <paramref name="trained"/>.</summary>
    public static TrainFile Of(RunConfiguration configuration, string? id, TrainResult trained) => new(
        configuration, id, trained.History, trained.Final, trained.Lambda1After, trained.ExponentsAfter, trained.FlossingEpisodes, trained.Seconds);
}
