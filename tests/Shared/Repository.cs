namespace Verified.Tests.Shared;

/// <summary>The repository the tests were built from: the folder above the test assembly that holds Verified.sln.</summary>
public static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The path of <paramref name="relative"/> (with '/' separators) from the root.</summary>
    public static string File(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Verified.sln")))
            {
                return folder.FullName;
            }
        }
        throw new FileNotFoundException($"no Verified.sln above {AppContext.BaseDirectory}");
    }
}
