using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Verified.Experiments.Execution;
using Verified.Experiments.Results;
using Verified.Storage;
using Verified.Training;

namespace Verified.Experiments.Sweeps;

/// <summary>
/// A set of training runs (a grid delay × k × schedule × seed, or a figure's panels), each a
/// <see cref="TrainingRun"/> whose result is kept in runs/ID.json by the <see cref="ResultStore"/>:
/// a sweep that is stopped and started again repeats no finished run and loses none, and reuses
/// a file only for exactly the options that produced it. A shard i/n takes every n-th run from
/// the i-th, so that a Slurm job array or a Kubernetes indexed Job can spread the runs;
/// every shard declares the whole grid in grids/HASH.json (<see cref="Declare"/>), and
/// <see cref="Merge"/> joins what all shards wrote once every declared run is there.
/// </summary>
public sealed class Sweep
{
    /// <summary>The distinct runs of <paramref name="runs"/>, each validated before any runs.</summary>
    /// <exception cref="ArgumentException">A run's cell is not a built-in cell of this build, or its options are invalid.</exception>
    public Sweep(IEnumerable<TrainingRun> runs)
    {
        // Distinct ids: a run without flossing is the same run for every k.
        Runs = [.. runs.DistinctBy(run => run.Id)];
        foreach (var run in Runs)
        {
            var spec = run.CurrentCell() ?? throw new ArgumentException($"cell '{run.Cell}' is not a built-in cell of this build");
            Trainer.Validate(spec.Layout(CellDimensions.Of(run.N, Training.Tasks.DelayedTask.Create(run.Options.Task, run.Options.Delay).InputSize)), run.Options);
        }
    }

    /// <summary>The grid delay × k × schedule × seed over a baseline, every combination validated before any runs.</summary>
    public static Sweep Grid(CellSpec spec, int n, TrainOptions baseline, IReadOnlyList<int> delays, IReadOnlyList<int> ks,
        IReadOnlyList<FlossingSchedule> schedules, IReadOnlyList<ulong> seeds) =>
        new(from delay in delays
            from schedule in schedules
            from k in ks
            from seed in seeds
            select TrainingRun.Of(spec, n, baseline with { Delay = delay, FlossK = k, Flossing = schedule, Seed = seed }));

    /// <summary>The runs, in grid order, without duplicates.</summary>
    public IReadOnlyList<TrainingRun> Runs { get; }

    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>: every count-th run from the index-th (<see cref="Shards"/>).</summary>
    public IReadOnlyList<TrainingRun> Shard(int index, int count) => Shards.Select(Runs, index, count);

    /// <summary>
    /// The store of a sweep's runs: <paramref name="folder"/>/runs, written as computed by <paramref name="origin"/> (the
    /// runtime's build by default), reusing runs of another numerical version only when <paramref name="keepOtherNumericalVersions"/>.
    /// </summary>
    public static ResultStore Store(string folder, Action<string>? warn = null, ResultOrigin? origin = null, bool keepOtherNumericalVersions = false, bool readOnly = false) =>
        new(Path.Combine(folder, "runs"), warn, readOnly, origin, keepOtherNumericalVersions, SweepJson.Context.Options);

    /// <summary>The shard's runs that have no valid result in the store yet.</summary>
    public IReadOnlyList<TrainingRun> Missing(ResultStore store, int shard, int shards) =>
        [.. Shard(shard, shards).Where(run => !store.Has<TrainingOutcome>(run.Id, run))];

    /// <summary>Trains one run and stores its result; null when another live process has claimed the run (<paramref name="holder"/>) or had finished it meanwhile.</summary>
    public static TrainingOutcome? Execute(ResultStore store, TrainingRun run, out string holder, Action? epochDone = null)
    {
        TrainingOutcome? outcome = null;
        store.ComputeOnce(run.Id, run, () => outcome = run.Execute(epochDone), out holder);
        return outcome;
    }

    /// <summary>
    /// Records the whole grid (every shard's runs) as grids/HASH.json, HASH of its sorted ids, so that a merge knows
    /// which runs must be there. Every shard writes the same file atomically; grids of several sweeps into one folder
    /// sit side by side.
    /// </summary>
    public void Declare(string folder)
    {
        var ids = Runs.Select(run => run.Id).Order(StringComparer.Ordinal).ToList();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids)));
        var grids = Path.Combine(folder, GridsFolder);
        OwnedPaths.CreateFolder(grids);
        AtomicFile.WriteAllText(Path.Combine(grids, Convert.ToHexStringLower(digest, 0, 8) + ".json"), JsonSerializer.Serialize(new DeclaredGrid(ids), SweepJson.Context.DeclaredGrid));
    }

    /// <summary>
    /// Every valid finished run in the folder, ordered by id, with the build and numerical version that computed it: files
    /// that do not parse, do not belong, were made by another version of their cell or hold another numerical version's
    /// numbers (unless <paramref name="keepOtherNumericalVersions"/>) are reported and left out. Refused
    /// (<see cref="IncompleteResultsException"/>) while a run that a declared grid holds is missing.
    /// </summary>
    public static IReadOnlyList<SweepResult> Merge(string folder, Action<string>? warn = null, bool keepOtherNumericalVersions = false)
    {
        var merged = Store(folder, warn, keepOtherNumericalVersions: keepOtherNumericalVersions, readOnly: true)
            .ReadAll<TrainingRun, TrainingOutcome>(run => run.CurrentCell() is not null ? run.Id : null)
            .Select(entry => new SweepResult(entry.Id, entry.Key, entry.Result, entry.Origin)).ToList();
        var finished = merged.Select(run => run.Id).ToHashSet(StringComparer.Ordinal);
        var missing = Declared(folder).Where(id => !finished.Contains(id)).ToList();
        return missing.Count > 0 ? throw new IncompleteResultsException($"the sweep in '{folder}'", missing) : merged;
    }

    private const string GridsFolder = "grids";

    /// <summary>The ids of every grid declared in the folder, in order, each once.</summary>
    private static IEnumerable<string> Declared(string folder)
    {
        var grids = Path.Combine(folder, GridsFolder);
        IEnumerable<string> files = OwnedPaths.KindOf(grids) switch
        {
            EntryKind.None => [],
            EntryKind.Folder => Directory.GetFiles(grids, "*.json").Order(StringComparer.Ordinal),
            _ => throw new InvalidDataException($"'{grids}' is a symbolic link or a file, where the sweep keeps its grid declarations; remove it"),
        };
        return files.SelectMany(ReadGrid).Distinct(StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> ReadGrid(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(OwnedPaths.ReadText(file, ResultStore.ResultLimit), SweepJson.Context.DeclaredGrid)?.Runs ?? throw new JsonException();
        }
        catch (Exception unreadable) when (unreadable is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"'{file}' is not a grid declaration, so the runs the sweep must hold are not known; rerun a shard of the sweep to write it again");
        }
    }


}
