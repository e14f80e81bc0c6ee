using System.Text.RegularExpressions;
using Xunit;

namespace Verified.Packaging.Tests;

/// <summary>What dotnet pack puts in each package: the set of packages, their metadata, the generator as an analyzer, the tool.</summary>
[Collection(nameof(PackedFeedCollection))]
public sealed class PackageContentsTests(PackedFeed feed)
{
    private static readonly string[] Packed = ["Verified", "Verified.Cli", "Verified.Experiments", "Verified.Precision", "Verified.Testing"];

    [Fact]
    public void The_solution_packs_the_five_packages_and_no_test_benchmark_or_generator_project()
    {
        Assert.Equal(Packed, feed.Packages.Select(package => package.Id).Order(StringComparer.Ordinal));
        Assert.All(feed.Packages, package => Assert.Equal(PackedFeed.Version, package.Version));
    }

    [Fact]
    public void Every_package_has_a_description_the_MIT_licence_a_readme_and_the_commit_it_was_packed_from()
    {
        Assert.All(feed.Packages, package =>
        {
            Assert.False(string.IsNullOrWhiteSpace(package.Description), package.Id);
            Assert.NotEqual("Package Description", package.Description);
            Assert.Equal("Verified contributors", package.Authors);
            Assert.Equal("MIT", package.License);
            Assert.Equal("README.md", package.Readme);
            Assert.Contains("README.md", package.Entries);
            Assert.Matches(new Regex("^[0-9a-f]{40}$"), package.RepositoryCommit ?? "(none)");
        });
    }

    [Fact]
    public void Verified_carries_the_runtime_and_the_generator_as_an_analyzer_not_as_a_dependency()
    {
        var verified = feed.Package("Verified");

        Assert.Contains("lib/net10.0/Verified.Runtime.dll", verified.Entries);
        Assert.Contains("analyzers/dotnet/cs/Verified.Generators.dll", verified.Entries);
        // Result stores, run claims, shards and sweeps are Verified.Experiments', not the core package's.
        Assert.DoesNotContain(verified.Entries, entry => entry.Contains("Experiments", StringComparison.Ordinal));
        Assert.DoesNotContain(verified.Entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("Generators", StringComparison.Ordinal));
        Assert.DoesNotContain(verified.Dependencies, dependency =>
            dependency.Id.StartsWith("Verified", StringComparison.Ordinal) || dependency.Id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Verified.Experiments")]
    [InlineData("Verified.Precision")]
    [InlineData("Verified.Testing")]
    public void Experiments_Precision_and_Testing_depend_on_the_Verified_package_of_their_version(string id) =>
        Assert.Contains(("Verified", PackedFeed.Version), feed.Package(id).Dependencies);

    [Fact]
    public void Verified_Cli_is_a_dotnet_tool_named_verified_that_ships_the_generator()
    {
        var cli = feed.Package("Verified.Cli");

        Assert.Equal(["DotnetTool"], cli.PackageTypes);
        var command = Assert.Single(cli.DotnetToolSettings!.Descendants("Command"));
        Assert.Equal("verified", (string?)command.Attribute("Name"));
        Assert.Equal("verified.dll", (string?)command.Attribute("EntryPoint"));
        Assert.Contains("tools/net10.0/any/verified.dll", cli.Entries);
        Assert.Contains("tools/net10.0/any/Verified.Generators.dll", cli.Entries);
        Assert.Contains("tools/net10.0/any/Verified.Experiments.dll", cli.Entries);
        Assert.Empty(cli.Dependencies);
    }
}
