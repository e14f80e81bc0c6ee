using Verified.Cli.Commands;

namespace Verified.Cli.Output;

/// <summary>Writes a file so that readers see the old content or the new, never half of it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"output folder '{folder}' does not exist");
        }
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        catch (UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new UsageException($"cannot write '{path}': permission denied");
        }
        catch (IOException error) when (error is not FileNotFoundException)
        {
            File.Delete(temporary);
            throw new UsageException($"cannot write '{path}': {error.Message}");
        }
    }
}
