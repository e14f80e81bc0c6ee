using System.Text.Json;
using System.Text.Json.Serialization;
using Verified.Cli.Commands;

namespace Verified.Cli.Output;

/// <summary>Writes JSON with camelCase names, atomically: a temporary file in the same folder, then a rename.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(FileInfo? target, T value)
    {
        if (target is null)
        {
            return;
        }
        try
        {
            Verified.IO.AtomicFile.WriteAllText(target.FullName, JsonSerializer.Serialize(value, Options));
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
