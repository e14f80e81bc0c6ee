using Xunit;

namespace Verified.Samples.Tests;

/// <summary>docs/library.md shows the sample's files verbatim, so that the page's program is the one the tests build and run.</summary>
public sealed class LibraryPageTests
{
    [Theory]
    [InlineData("LeakyTanh.cs")]
    [InlineData("Program.cs")]
    public void Library_page_shows_the_sample_file_verbatim(string file)
    {
        var page = File.ReadAllText(RepositoryFile("docs/library.md"));
        var source = File.ReadAllText(RepositoryFile($"samples/Verified.Samples/{file}"));

        Assert.Contains("```csharp\n" + source + "```", page);
    }

    [Fact]
    public void Readme_links_the_library_page() =>
        Assert.Contains("(docs/library.md)", File.ReadAllText(RepositoryFile("README.md")));

    private static string RepositoryFile(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Verified.sln")))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }
        throw new FileNotFoundException($"no Verified.sln above {AppContext.BaseDirectory}");
    }
}
