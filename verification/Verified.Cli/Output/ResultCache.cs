using System.Text.Json;

namespace Verified.Cli.Output;

/// <summary>
/// Results kept as one JSON file per id in a folder, each written atomically once its work is done:
/// an interrupted run leaves whole files only, and a rerun computes just the ids that are missing.
/// </summary>
public sealed class ResultCache
{
    private readonly string _folder;

    public ResultCache(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public bool Has(string id) => File.Exists(PathOf(id));

    public T GetOrCompute<T>(string id, Func<T> compute)
    {
        if (Has(id))
        {
            return Read<T>(id);
        }
        var value = compute();
        JsonOutput.Write(new FileInfo(PathOf(id)), value);
        return value;
    }

    /// <summary>A finished result; it must exist.</summary>
    public T Read<T>(string id)
    {
        var path = PathOf(id);
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonOutput.Options)
            ?? throw new InvalidDataException($"'{path}' holds no result; delete it to recompute");
    }

    private string PathOf(string id) => Path.Combine(_folder, id + ".json");
}
