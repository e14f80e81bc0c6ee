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
        var page = File.ReadAllText(Repository.File("docs/library.md"));
        var source = File.ReadAllText(Repository.File($"samples/Verified.Samples/{file}"));

        Assert.Contains("```csharp\n" + source + "```", page);
    }

    [Fact]
    public void Readme_links_the_library_page() =>
        Assert.Contains("(docs/library.md)", File.ReadAllText(Repository.File("README.md")));
}
