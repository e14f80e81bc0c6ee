namespace Verified.Experiments.Results;

/// <summary>
/// A merge that would draw or join results while some of the runs it declares are missing (a shard
/// that has not run, failed, or was cancelled): nothing is written, and the missing runs are named.
/// </summary>
public sealed class IncompleteResultsException(string what, IReadOnlyList<string> missing)
    : Exception($"{what}: {missing.Count} run{(missing.Count == 1 ? " is" : "s are")} missing, so nothing is merged: "
        + string.Join(", ", missing.Take(10)) + (missing.Count > 10 ? $", … ({missing.Count - 10} more)" : "")
        + "; run the shards that hold them (rerunning a shard repeats no finished run), then merge again")
{
    /// <summary>The ids of the missing runs.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;
}
