namespace Verified.Cli.Reproduction;

/// <summary>The finished runs of a figure, by id, each read back whole as the type its run returns (<see cref="FigureRun.Result"/>).</summary>
public sealed class RunResults(IReadOnlyDictionary<string, object> results)
{
    public T Get<T>(string id) =>
        results.TryGetValue(id, out var result)
            ? result is T typed ? typed : throw new InvalidCastException($"run {id} holds a {result.GetType().Name}, not a {typeof(T).Name}")
            : throw new KeyNotFoundException($"run {id} has not finished");

    /// <summary>Whether run <paramref name="id"/> has finished.</summary>
    public bool Has(string id) => results.ContainsKey(id);

    /// <summary>How many runs have finished.</summary>
    public int Count => results.Count;
}
