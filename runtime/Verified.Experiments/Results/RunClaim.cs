using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Verified.Experiments.Results;

/// <summary>
/// A claim on computing one result: the file ID.lock, created atomically (create-new) with the
/// claiming process's host, id, start of the claim and batch-scheduler task, kept fresh by a
/// heartbeat (its write time is renewed every <see cref="Heartbeat"/>), and deleted when the claim
/// is disposed. Two processes sharing a folder never compute the same run: the second finds the
/// claim and leaves the run alone. A claim is taken over when its holder is certainly gone:
/// <list type="bullet">
/// <item>it was made by an earlier instance of this very scheduler task (a Slurm array task that was
/// requeued, or a job step restarted under the same job id): the scheduler runs one instance at a time;</item>
/// <item>it was made on this host by a process that no longer runs (or by another process that now
/// has its id);</item>
/// <item>it was made on another host and its heartbeat has stopped for <see cref="StaleAfter"/>
/// (the host, or the task on it, died without removing it).</item>
/// </list>
/// A claim that cannot be read whole is being written for one heartbeat and abandoned after it; a
/// symbolic link at ID.lock claims nothing and is removed (never followed), and a folder there is
/// refused.
/// </summary>
public sealed class RunClaim : IDisposable
{
    /// <summary>How often a held claim's write time is renewed.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim from another host may go without a heartbeat before it counts as abandoned.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    private readonly string _path;
    private readonly Timer _heartbeat;

    private RunClaim(string path, TimeSpan heartbeat)
    {
        _path = path;
        _heartbeat = new Timer(_ => Renew(), null, heartbeat, heartbeat);
    }

    /// <summary>
    /// The batch-scheduler task this process runs as (<c>slurm:JOB_TASK</c> for a Slurm array task,
    /// <c>slurm:JOB</c> for a plain job), or "" outside a scheduler.
    /// </summary>
    public static string SchedulerTask { get; } = FindSchedulerTask();

    /// <summary>The claim on <paramref name="id"/> in <paramref name="folder"/>, or null (and who holds it) if a live process holds it; its heartbeat every <paramref name="heartbeat"/> (default <see cref="Heartbeat"/>).</summary>
    /// <exception cref="InvalidDataException">A folder is where the claim belongs.</exception>
    public static RunClaim? TryTake(string folder, string id, out string holder, TimeSpan? heartbeat = null)
    {
        var path = Path.Combine(folder, id + ".lock");
        // Each pass claims the run, finds its live holder, or clears what was in the way (a claim released or
        // abandoned meanwhile, a planted link); other processes do the same at the same time, so a few passes may
        // be needed, and a folder that keeps changing gives the run up to them.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            try
            {
                // Shared, not FileShare.None: .NET takes an exclusive flock for None after creating the file, and fails (leaving
                // the new file behind, a claim nobody holds) when a reader judging the claim has the file open at that moment.
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(string.Join(' ', Environment.MachineName, Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                        DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), SchedulerTask).TrimEnd());
                }
                holder = "";
                return new RunClaim(path, heartbeat ?? Heartbeat);
            }
            catch (IOException inTheWay) when (inTheWay is not DirectoryNotFoundException)
            {
                switch (OwnedPaths.KindOf(path))
                {
                    case EntryKind.Folder:
                        throw new InvalidDataException($"'{Path.GetFileName(folder)}/{id}.lock' is a folder, not a claim of a run; remove it");
                    case EntryKind.Link:
                        // This tool claims with files, never links: a link was planted. Deleting it removes the link, not its target.
                        File.Delete(path);
                        break;
                    case EntryKind.File when TryReadClaim(path, out var claim, out var renewed):
                        if (!Abandoned(claim, renewed, out holder))
                        {
                            return null;
                        }
                        TakeOver(path, claim);
                        break;
                }
            }
        }
        holder = "another process";
        return null;
    }

    /// <summary>Releases the claim: stops its heartbeat and deletes ID.lock.</summary>
    public void Dispose()
    {
        _heartbeat.Dispose();
        File.Delete(_path);
    }

    private void Renew()
    {
        try
        {
            File.SetLastWriteTimeUtc(_path, DateTime.UtcNow);
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            // The claim was taken over or its folder removed: the result is still written atomically.
        }
    }

    /// <summary>The longest claim this tool writes, with room to spare: anything longer was not written by it.</summary>
    private const int ClaimLimit = 4096;

    /// <summary>
    /// The text of the claim at <paramref name="path"/> ("" when it cannot be read whole) and when it was last renewed;
    /// false when it has gone. The time is read after the text: a file gone by then was released, and a claim made anew
    /// in between is only younger.
    /// </summary>
    private static bool TryReadClaim(string path, out string claim, out DateTime renewed)
    {
        try
        {
            claim = OwnedPaths.ReadText(path, ClaimLimit);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException)
        {
            claim = "";
        }
        var file = new FileInfo(path);
        renewed = file.Exists ? file.LastWriteTimeUtc : default;
        return file.Exists;
    }

    private static bool Abandoned(string claim, DateTime renewed, out string holder)
    {
        var fields = claim.Split(' ');
        if (fields.Length < 3 || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var pid)
            || !DateTime.TryParse(fields[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var claimed))
        {
            // A claim is created first and written a moment later: for a heartbeat, an incomplete claim is one being written.
            holder = "a process writing its claim";
            return DateTime.UtcNow - renewed >= Heartbeat;
        }
        holder = $"process {fields[1]} on {fields[0]}" + (fields.Length >= 4 ? $" ({fields[3]})" : "");
        if (fields.Length >= 4 && SchedulerTask.Length > 0 && fields[3] == SchedulerTask)
        {
            return true;
        }
        if (fields[0] != Environment.MachineName)
        {
            return DateTime.UtcNow - renewed >= StaleAfter;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || process.StartTime.ToUniversalTime() > claimed.AddSeconds(1);
        }
        catch (Exception gone) when (gone is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }

    /// <summary>
    /// Removes the abandoned claim <paramref name="judged"/>. Another process may have judged it too, removed it and
    /// claimed the run anew in the meantime, so the claim is first moved aside under a name of this process's own and
    /// removed only if it is still the one judged; a fresh claim is put back.
    /// </summary>
    private static void TakeOver(string path, string judged)
    {
        var aside = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.abandoned";
        try
        {
            File.Move(path, aside);
        }
        catch (IOException)
        {
            return;
        }
        if (TryReadClaim(aside, out var moved, out _) && moved != judged)
        {
            try
            {
                File.Move(aside, path);
                return;
            }
            catch (IOException)
            {
                // Yet another claim was made meanwhile; it holds the run, and the one moved aside goes.
            }
        }
        File.Delete(aside);
    }

    private static string FindSchedulerTask()
    {
        var job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        if (!string.IsNullOrEmpty(job) && !string.IsNullOrEmpty(task))
        {
            return $"slurm:{job}_{task}";
        }
        var plain = Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        return string.IsNullOrEmpty(plain) ? "" : $"slurm:{plain}";
    }
}
