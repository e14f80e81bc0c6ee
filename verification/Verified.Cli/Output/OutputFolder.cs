using Verified.Cli.Commands;

namespace Verified.Cli.Output;

/// <summary>An output folder given by --out: created if missing, and proved writable before any work starts.</summary>
public static class OutputFolder
{
    public static string Create(DirectoryInfo folder)
    {
        try
        {
            Directory.CreateDirectory(folder.FullName);
            var probe = Path.Combine(folder.FullName, ".verified-write-probe." + Environment.ProcessId);
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return folder.FullName;
        }
        catch (Exception denied) when (denied is UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"cannot write to output folder '{folder}': {denied.Message}");
        }
    }
}
