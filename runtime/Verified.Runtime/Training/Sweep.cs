using System.Globalization;
using System.Text.Json;
using Verified.IO;

namespace Verified.Training;

/// <summary>One run of a sweep: a stable id from its coordinates.</summary>
public sealed record SweepRun(string Task, int Delay, int K, FlossingSchedule Schedule, ulong Seed)
{
    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Task}-d{Delay}-k{K}-{Schedule.ToString().ToLowerInvariant()}-s{Seed}");
}

/// <summary>The outcome of one run, as written to its file.</summary>
public sealed record SweepOutcome(string Id, string Task, int Delay, int K, string Schedule, ulong Seed, TrainEpoch Final, double BestTestAccuracy, double Lambda1After, double Seconds);

/// <summary>
/// A grid of training runs, delay × k × schedule × seed, each run one task with a stable id whose
/// result is written atomically to runs/ID.json. A run whose file exists is done: a sweep that is
/// stopped and started again repeats no finished run and loses none. A shard i/n takes every n-th
/// run from the i-th, so that a Slurm job array or a Kubernetes indexed Job can spread the grid;
/// <see cref="Merge"/> joins what all shards wrote.
/// </summary>
public sealed class Sweep(string cell, int n, TrainOptions baseline, IReadOnlyList<int> delays, IReadOnlyList<int> ks, IReadOnlyList<FlossingSchedule> schedules, IReadOnlyList<ulong> seeds)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public IReadOnlyList<SweepRun> Runs { get; } =
        [.. from delay in delays from k in ks from schedule in schedules from seed in seeds select new SweepRun(baseline.Task, delay, k, schedule, seed)];

    public IEnumerable<SweepRun> Shard(int index, int count)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"shard {index}/{count}: need 0 ≤ i < n");
        }
        return Runs.Where((_, position) => position % count == index);
    }

    /// <summary>Runs the shard's missing runs in order; returns the ids it ran.</summary>
    public IReadOnlyList<string> Execute(string folder, int shard, int shards, Action<SweepOutcome>? finished = null, CancellationToken cancellation = default)
    {
        var runs = Path.Combine(folder, "runs");
        Directory.CreateDirectory(runs);
        var ran = new List<string>();
        foreach (var run in Shard(shard, shards))
        {
            cancellation.ThrowIfCancellationRequested();
            var file = Path.Combine(runs, run.Id + ".json");
            if (File.Exists(file))
            {
                continue;
            }
            var outcome = RunOne(run);
            AtomicFile.WriteAllText(file, JsonSerializer.Serialize(outcome, Json));
            ran.Add(run.Id);
            finished?.Invoke(outcome);
        }
        return ran;
    }

    /// <summary>Trains one run of the grid (its delay, k, schedule and seed over the baseline options).</summary>
    public SweepOutcome RunOne(SweepRun run, Action<TrainEpoch>? progress = null)
    {
        var spec = BuiltInCells.Find(cell) ?? throw new ArgumentException($"unknown cell '{cell}'", nameof(cell));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Trainer.Run(spec, n, baseline with { Delay = run.Delay, FlossK = run.K, Flossing = run.Schedule, Seed = run.Seed }, progress);
        return new SweepOutcome(run.Id, run.Task, run.Delay, run.K, run.Schedule.ToString().ToLowerInvariant(), run.Seed, result.Final,
            result.History.Max(epoch => epoch.TestAccuracy), result.Lambda1After, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Every finished run in the folder, ordered by id.</summary>
    public static IReadOnlyList<SweepOutcome> Merge(string folder) =>
        [.. Directory.GetFiles(Path.Combine(folder, "runs"), "*.json")
            .Select(file => JsonSerializer.Deserialize<SweepOutcome>(File.ReadAllText(file), Json)!)
            .OrderBy(outcome => outcome.Id, StringComparer.Ordinal)];
}
