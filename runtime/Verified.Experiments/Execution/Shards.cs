namespace Verified.Experiments.Execution;

/// <summary>
/// Shard i of n of a list of runs: every n-th run from the i-th (0-based), the way a batch
/// scheduler's array index (Slurm's SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT, a Kubernetes
/// indexed Job's JOB_COMPLETION_INDEX) picks its part. The n shards of a list are disjoint and
/// together hold every run exactly once, and a shard's runs keep the list's order.
/// </summary>
public static class Shards
{
    /// <summary>Runs <paramref name="index"/>, index + count, index + 2·count, … of <paramref name="runs"/>, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 ≤ index &lt; count.</exception>
    public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> runs, int index, int count)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"shard {index}/{count}: need 0 ≤ i < n");
        }
        return [.. runs.Where((_, position) => position % count == index)];
    }
}
