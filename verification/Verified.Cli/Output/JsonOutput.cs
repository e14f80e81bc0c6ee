using System.Text.Json;
using Verified.Cli.Commands;

namespace Verified.Cli.Output;

/// <summary>
/// Writes JSON atomically (a temporary file in the same folder, then a rename) with the options of
/// every result file (<see cref="Verified.Storage.ResultJson.Options"/>): camelCase names, enums as
/// names, and numbers finite or null.
/// </summary>
public static class JsonOutput
{
    public static void Write<T>(FileInfo? target, T value)
    {
        if (target is null)
        {
            return;
        }
        try
        {
            Verified.Storage.AtomicFile.WriteAllText(target.FullName, JsonSerializer.Serialize(value, Verified.Storage.ResultJson.Options));
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
