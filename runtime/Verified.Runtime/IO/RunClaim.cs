using System.Diagnostics;

namespace Verified.IO;

/// <summary>
/// A claim on computing one result: the file ID.lock, created atomically (create-new) with the
/// claiming process's host and id, and deleted when the claim is disposed. Two processes sharing a
/// folder never compute the same run: the second finds the claim and leaves the run alone. A claim
/// whose process is gone (same host, no such process, or one started after the claim) is taken
/// over; a claim from another host is respected, since its process cannot be seen from here.
/// </summary>
public sealed class RunClaim : IDisposable
{
    private readonly string _path;

    private RunClaim(string path) => _path = path;

    /// <summary>The claim on <paramref name="id"/> in <paramref name="folder"/>, or null (and who holds it) if a live process holds it.</summary>
    public static RunClaim? TryTake(string folder, string id, out string holder)
    {
        var path = Path.Combine(folder, id + ".lock");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write($"{Environment.MachineName} {Environment.ProcessId} {DateTime.UtcNow:O}");
                }
                holder = "";
                return new RunClaim(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (Alive(path, out holder))
                {
                    return null;
                }
                File.Delete(path);
            }
        }
        holder = "another process";
        return null;
    }

    /// <summary>Releases the claim: deletes ID.lock.</summary>
    public void Dispose() => File.Delete(_path);

    private static bool Alive(string path, out string holder)
    {
        string[] fields;
        try
        {
            fields = File.ReadAllText(path).Split(' ');
        }
        catch (IOException)
        {
            holder = "another process";
            return true;
        }
        holder = fields.Length >= 2 ? $"process {fields[1]} on {fields[0]}" : "an unreadable claim";
        if (fields.Length < 3 || !int.TryParse(fields[1], out var pid) || !DateTime.TryParse(fields[2], null, System.Globalization.DateTimeStyles.RoundtripKind, out var claimed))
        {
            return false;
        }
        if (fields[0] != Environment.MachineName)
        {
            return true;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= claimed.AddSeconds(1);
        }
        catch (Exception gone) when (gone is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
