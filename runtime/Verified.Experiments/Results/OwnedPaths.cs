namespace Verified.Experiments.Results;

/// <summary>What is at a path, told without following a symbolic link there.</summary>
public enum EntryKind
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>A file (of any kind but a folder).</summary>
    File,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A symbolic link, whatever it points to (or if it points nowhere).</summary>
    Link,
}

/// <summary>
/// The one rule for the folders and files the tool creates inside an output folder (its stores of
/// results and claims, its grid declarations): a folder is created only where nothing or a real
/// folder is, and a file is read only if it is no link and no longer than a limit. Nothing planted
/// there, a symbolic link to a folder elsewhere or to /dev/zero least of all, makes the tool write
/// outside its output folder, read what another file holds or exhaust its memory; what it finds
/// instead is refused in one line (<see cref="InvalidDataException"/>).
/// </summary>
public static class OwnedPaths
{
    /// <summary>What is at <paramref name="path"/>: a link is a <see cref="EntryKind.Link"/>, never what it points to.</summary>
    public static EntryKind KindOf(string path)
    {
        var entry = new FileInfo(path);
        if (entry.LinkTarget is not null)
        {
            return EntryKind.Link;
        }
        return Directory.Exists(path) ? EntryKind.Folder : entry.Exists ? EntryKind.File : EntryKind.None;
    }

    /// <summary>Creates the folder <paramref name="path"/> unless it exists as a real folder.</summary>
    /// <exception cref="InvalidDataException">A link, or a file, is at <paramref name="path"/>.</exception>
    public static void CreateFolder(string path)
    {
        switch (KindOf(path))
        {
            case EntryKind.Link:
                throw new InvalidDataException($"'{path}' is a symbolic link; the tool writes only into folders it creates itself, so remove the link");
            case EntryKind.File:
                throw new InvalidDataException($"'{path}' is a file, where the tool keeps a folder; remove it");
            case EntryKind.None:
                Directory.CreateDirectory(path);
                break;
        }
    }

    /// <summary>The text of the file <paramref name="path"/>, read without following a link and only up to <paramref name="limit"/> bytes.</summary>
    /// <exception cref="InvalidDataException">Nothing, a link or a folder is at <paramref name="path"/>, or it holds more than
    /// <paramref name="limit"/> bytes; the message says which, to follow the path's name ("is a symbolic link, which is not followed").</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string ReadText(string path, int limit)
    {
        var kind = KindOf(path);
        if (kind != EntryKind.File)
        {
            throw new InvalidDataException(kind switch
            {
                EntryKind.Link => "is a symbolic link, which is not followed",
                EntryKind.Folder => "is a folder",
                _ => "is not there",
            });
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        using var content = new MemoryStream();
        var chunk = new byte[1 << 16];
        // Read one byte past the limit to tell a file of exactly the limit from a longer one (or an endless device).
        for (int read; content.Length <= limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - content.Length))) > 0;)
        {
            content.Write(chunk, 0, read);
        }
        return content.Length > limit
            ? throw new InvalidDataException($"holds more than {limit} bytes")
            : System.Text.Encoding.UTF8.GetString(content.GetBuffer(), 0, (int)content.Length);
    }
}
