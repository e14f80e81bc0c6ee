namespace Verified.Tests.Shared;

/// <summary>
/// A fresh folder under the system's temporary folder, named verified-tests-*, deleted with everything in it when disposed.
/// Every test creates its temporary files through it (or <see cref="TemporaryFolders"/>), so that a run of the suite leaves
/// nothing behind; the test host is not relied on to run exit handlers, which it does not always reach.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TemporaryFolder()
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verified-tests-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The path of <paramref name="relative"/> inside the folder.</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public static implicit operator string(TemporaryFolder folder) => folder.Path;

    public override string ToString() => Path;

    /// <summary>Deletes the folder and everything in it; a file still held open elsewhere is left to the system.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (Exception held) when (held is IOException or UnauthorizedAccessException)
        {
            // Another process (a child the test started) still holds a file: the system's temporary folder cleaner takes it.
        }
    }
}

/// <summary>
/// The temporary folders one test makes, deleted together when it ends: a test class holds one and disposes it in its own
/// Dispose, which xunit calls after each test.
/// </summary>
public sealed class TemporaryFolders : IDisposable
{
    private readonly List<TemporaryFolder> _made = [];

    /// <summary>A fresh folder, deleted when these are disposed; its full path.</summary>
    public string New() => Folder().Path;

    /// <summary>A fresh folder, deleted when these are disposed.</summary>
    public TemporaryFolder Folder()
    {
        var folder = new TemporaryFolder();
        _made.Add(folder);
        return folder;
    }

    public void Dispose()
    {
        foreach (var folder in _made)
        {
            folder.Dispose();
        }
    }
}
