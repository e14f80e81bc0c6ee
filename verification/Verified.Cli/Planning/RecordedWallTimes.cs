using System.Text.Json;
using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;
using Verified.Storage;
using Verified.Training;

namespace Verified.Cli.Planning;

/// <summary>
/// The wall times of recorded runs, read from a clone's docs/recorded-runs/*/units/ID.json: a
/// training run's <c>result.seconds</c>, or a flossing run's epochs' seconds added up. A plan
/// estimates a run by its own recorded time, else, for a training run, by the median seconds per
/// work unit (training and flossing epochs, <see cref="TrainingRun.ProgressTicks"/>) of the recorded runs of
/// the same cell, N, sequence length and batch (each epoch costs about the same there).
/// </summary>
public sealed class RecordedWallTimes
{
    /// <summary>Where a clone keeps its recorded runs, relative to its root.</summary>
    public const string Location = "docs/recorded-runs";

    private readonly Dictionary<string, double> _seconds = [];
    private readonly Dictionary<(string Cell, int N, int Steps, int Batch), List<double>> _secondsPerUnit = [];

    private RecordedWallTimes(string? folder) => Folder = folder;

    /// <summary>The folder read, or null when none was found.</summary>
    public string? Folder { get; }

    /// <summary>How many recorded runs have a wall time.</summary>
    public int Count => _seconds.Count;

    /// <summary>The recorded runs of the clone that holds <paramref name="start"/> (its folder or one above it); none outside a clone.</summary>
    public static RecordedWallTimes Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var recorded = Path.Combine(folder.FullName, Location);
            if (Directory.Exists(recorded))
            {
                return Read(recorded);
            }
        }
        return new RecordedWallTimes(null);
    }

    /// <summary>The wall times of the runs in <paramref name="folder"/>/*/units.</summary>
    public static RecordedWallTimes Read(string folder)
    {
        var times = new RecordedWallTimes(folder);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
                     .Where(file => Path.GetFileName(Path.GetDirectoryName(file)) == "units" && new FileInfo(file).Length <= ResultStore.ResultLimit))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(file));
                times.Add(Path.GetFileNameWithoutExtension(file), json.RootElement);
            }
            catch (JsonException)
            {
                // A damaged recorded file gives no estimate; the plan still counts the run.
            }
        }
        return times;
    }

    private void Add(string id, JsonElement envelope)
    {
        if (!envelope.TryGetProperty("result", out var result) || Seconds(result) is not { } seconds)
        {
            return;
        }
        _seconds[id] = seconds;
        if (envelope.TryGetProperty("key", out var key) && Training(key) is { } run && run.ProgressTicks > 0)
        {
            var similar = (run.Cell, run.N, run.Options.Steps, run.Options.Batch);
            (_secondsPerUnit.TryGetValue(similar, out var rates) ? rates : _secondsPerUnit[similar] = []).Add(seconds / run.ProgressTicks);
        }
    }

    /// <summary>The estimated wall time of <paramref name="run"/> in seconds, and where it comes from; null when no recorded run tells.</summary>
    public (double Seconds, bool OwnTime)? Estimate(PlannedRun run)
    {
        if (_seconds.TryGetValue(run.Id, out var own))
        {
            return (own, true);
        }
        if (run.Training is { } training && _secondsPerUnit.TryGetValue((training.Cell, training.N, training.Options.Steps, training.Options.Batch), out var rates))
        {
            return (Median(rates) * run.ProgressTicks, false);
        }
        return null;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A training run's wall time, or a flossing run's epochs added up; null for results that keep no time.</summary>
    private static double? Seconds(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (result.TryGetProperty("seconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
        {
            return seconds.GetDouble();
        }
        if (result.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0 &&
            history.EnumerateArray().All(epoch => epoch.ValueKind == JsonValueKind.Object && epoch.TryGetProperty("seconds", out var time) && time.ValueKind == JsonValueKind.Number))
        {
            return history.EnumerateArray().Sum(epoch => epoch.GetProperty("seconds").GetDouble());
        }
        return null;
    }

    /// <summary>The training run a key names; null for the key of another kind of run.</summary>
    private static TrainingRun? Training(JsonElement key)
    {
        if (key.ValueKind != JsonValueKind.Object || !key.TryGetProperty("options", out _) || !key.TryGetProperty("cell", out _))
        {
            return null;
        }
        try
        {
            return key.Deserialize<TrainingRun>(ResultJson.Options) is { Options: not null, Cell: not null } run ? run : null;
        }
        catch (Exception unreadable) when (unreadable is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
