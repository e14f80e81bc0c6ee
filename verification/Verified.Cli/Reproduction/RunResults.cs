using System.Text.Json;
using Verified.Cli.Output;

namespace Verified.Cli.Reproduction;

/// <summary>The finished runs of a figure, by id, read back as the types their runs returned.</summary>
public sealed class RunResults(IReadOnlyDictionary<string, JsonElement> results)
{
    public T Get<T>(string id) =>
        results.TryGetValue(id, out var element)
            ? element.Deserialize<T>(Verified.IO.ResultStore.Json) ?? throw new InvalidDataException($"run {id} holds no result")
            : throw new KeyNotFoundException($"run {id} has not finished");

    /// <summary>Whether run <paramref name="id"/> has finished.</summary>
    public bool Has(string id) => results.ContainsKey(id);

    /// <summary>How many runs have finished.</summary>
    public int Count => results.Count;
}
