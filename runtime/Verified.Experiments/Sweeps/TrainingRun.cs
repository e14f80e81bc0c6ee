using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Verified.Experiments.Results;
using Verified.Storage;
using Verified.Training;

namespace Verified.Experiments.Sweeps;

/// <summary>
/// The identity of one training run: the cell (its name and the hash of its declaration), N and
/// every option, normalised so that options that cannot change the result (the flossing options
/// of a run without flossing) do not split one run into several. The id reads as the run's
/// coordinates and ends in a hash of all of it, so that a folder never hands back a result that
/// other options produced.
/// </summary>
/// <param name="Cell">The built-in cell's name.</param>
/// <param name="CellSource">Its <see cref="CellSpec.SourceHash"/>.</param>
/// <param name="N">Hidden size N.</param>
/// <param name="Options">Every option, normalised.</param>
public sealed record TrainingRun(string Cell, string CellSource, int N, TrainOptions Options)
{
    /// <summary>The run of <paramref name="spec"/>'s cell at size <paramref name="n"/> with <paramref name="options"/> normalised.</summary>
    public static TrainingRun Of(CellSpec spec, int n, TrainOptions options) => new(spec.Name, spec.SourceHash, n, options.Normalised());

    /// <summary>The run's id: its coordinates (task, delay, arm (<see cref="RunArm.Key"/>), k, seed) and a hash of everything.</summary>
    [JsonIgnore]
    public string Id
    {
        get
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes(ResultStore.Canonical(this)));
            var k = Options.Flossing == FlossingSchedule.None ? "" : $"-k{Options.FlossK}";
            return string.Create(CultureInfo.InvariantCulture, $"{Options.Task}-d{Options.Delay}-{RunArm.Key(Options)}{k}-s{Options.Seed}-{Convert.ToHexStringLower(digest, 0, 5)}");
        }
    }

    /// <summary>How many times the run ticks its progress: once per training epoch and per flossing epoch.</summary>
    [JsonIgnore]
    public int ProgressTicks => Options.Epochs + Options.Flossing switch
    {
        FlossingSchedule.Pre => Options.FlossEpochs,
        FlossingSchedule.During => Options.FlossEpochs * Options.FlossAt.Count,
        _ => 0,
    };

    /// <summary>The built-in cell of this run, as compiled now; null when it is unknown or its declaration has changed since the run.</summary>
    public CellSpec? CurrentCell() => BuiltInCells.Find(Cell) is { } spec && spec.SourceHash == CellSource ? spec : null;

    /// <summary>Trains the run.</summary>
    /// <exception cref="ArgumentException">The cell is not a built-in cell of this build, or its declaration has changed.</exception>
    public TrainingOutcome Execute(Action? epochDone = null)
    {
        var spec = CurrentCell() ?? throw new ArgumentException($"cell '{Cell}' with source {CellSource} is not a built-in cell of this build");
        var result = Trainer.Run(spec, N, Options, epochDone: epochDone);
        return new TrainingOutcome(result.Final, result.History.Max(epoch => epoch.TestAccuracy), result.Lambda1After, result.Seconds, result.History, result.FlossingEpisodes, result.ExponentsAfter);
    }
}

/// <summary>What a training run leaves: the last evaluation, the best test accuracy over the evaluations, λ1 after training, the wall time, the history and the flossing episodes.</summary>
/// <param name="Final">The last evaluation.</param>
/// <param name="BestTestAccuracy">The best test accuracy over the evaluations.</param>
/// <param name="Lambda1After">λ1 of the trained network.</param>
/// <param name="Seconds">The run's wall time.</param>
/// <param name="History">One record per evaluated epoch.</param>
/// <param name="FlossingEpisodes">The flossing episodes.</param>
/// <param name="ExponentsAfter">The trained network's leading exponents λ1 … λ10; null in runs recorded before they were kept.</param>
public sealed record TrainingOutcome(TrainEpoch Final, double BestTestAccuracy, double Lambda1After, double Seconds,
    IReadOnlyList<TrainEpoch> History, IReadOnlyList<FlossingEpisode> FlossingEpisodes, double[]? ExponentsAfter = null);

/// <summary>A finished run with its identity.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Run">The run's identity.</param>
/// <param name="Outcome">What it left.</param>
/// <param name="Origin">The build and numerical version that computed it, where it was read from a store.</param>
public sealed record SweepResult(string Id, TrainingRun Run, TrainingOutcome Outcome, ResultOrigin? Origin = null);
