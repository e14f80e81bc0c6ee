using System.Security.Cryptography;
using Verified.Cli.Commands;

namespace Verified.Cli.Output;

/// <summary>Output folders: checked before any work (without creating anything), created when the work starts.</summary>
public static class OutputFolder
{
    /// <summary>Whether files can be created in <paramref name="folder"/>, or in the nearest folder above it that exists when it does not (it would be created there).</summary>
    public static bool CanCreateFilesIn(string folder, out string problem)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                problem = $"'{existing}' is a file, not a folder";
                return false;
            }
            existing = Path.GetDirectoryName(existing) ?? "/";
        }
        try
        {
            // A probe of an unpredictable name, created new: nothing planted there is opened.
            var probe = Path.Combine(existing, ".verified-write-probe." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write).Dispose();
            File.Delete(probe);
            problem = "";
            return true;
        }
        catch (Exception denied) when (denied is UnauthorizedAccessException or IOException)
        {
            problem = $"cannot create files in '{existing}' ({denied.Message})";
            return false;
        }
    }

    /// <summary>Creates the folder once the options have been checked (again here: a default folder has no option to check it).</summary>
    public static string Create(DirectoryInfo folder)
    {
        if (!CanCreateFilesIn(folder.FullName, out var problem))
        {
            throw new UsageException($"cannot write to output folder '{folder}': {problem}");
        }
        try
        {
            Directory.CreateDirectory(folder.FullName);
            return folder.FullName;
        }
        catch (Exception denied) when (denied is UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"cannot write to output folder '{folder}': {denied.Message}");
        }
    }
}
