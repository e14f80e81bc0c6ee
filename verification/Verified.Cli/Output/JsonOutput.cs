using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Verified.Cli.Commands;
using Verified.Cli.Output.Files;

namespace Verified.Cli.Output;

/// <summary>
/// Writes JSON atomically (a temporary file in the same folder, then a rename) with the options of
/// every result file (<see cref="Verified.Storage.ResultJson.Options"/>): camelCase names, enums as
/// names, and numbers finite or null. The tool's files (<see cref="ToolFile"/>) are written by the code that
/// <see cref="ToolJsonContext"/> generates; anything else it is given falls back to reflection.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(Verified.Storage.ResultJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ToolJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static void Write<T>(FileInfo? target, T value)
    {
        if (target is null)
        {
            return;
        }
        try
        {
            Verified.Storage.AtomicFile.WriteAllText(target.FullName, JsonSerializer.Serialize(value, Options));
        }
        catch (DirectoryNotFoundException missing)
        {
            throw new UsageException(missing.Message);
        }
        catch (Exception denied) when (denied is UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"cannot write '{target}': {denied.Message}");
        }
    }
}
