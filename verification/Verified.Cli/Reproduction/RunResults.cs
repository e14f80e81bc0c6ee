using Verified.Experiments.Results;
using Verified.Storage;

namespace Verified.Cli.Reproduction;

/// <summary>A finished run's result, read back whole as the type its run returns, and the build and numerical version that computed it.</summary>
public sealed record FinishedRun(object Result, ResultOrigin Origin);

/// <summary>The finished runs of a figure, by id, each read back whole as the type its run returns (<see cref="FigureRun.Result"/>).</summary>
public sealed class RunResults(IReadOnlyDictionary<string, FinishedRun> results)
{
    public T Get<T>(string id) =>
        results.TryGetValue(id, out var finished)
            ? finished.Result is T typed ? typed : throw new InvalidCastException($"run {id} holds a {finished.Result.GetType().Name}, not a {typeof(T).Name}")
            : throw new KeyNotFoundException($"run {id} has not finished");

    /// <summary>Whether run <paramref name="id"/> has finished.</summary>
    public bool Has(string id) => results.ContainsKey(id);

    /// <summary>How many runs have finished.</summary>
    public int Count => results.Count;

    /// <summary>How many of the runs came from each build and numerical version: what the figure's JSON and claims.md list.</summary>
    public IReadOnlyList<OriginCount> Origins => OriginCount.Of(results.Values.Select(finished => finished.Origin));
}
