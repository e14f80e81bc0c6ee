using Xunit;

namespace Verified.Packaging.Tests;

/// <summary>
/// A fresh project outside the repository, as a user makes it, referencing the packages from the
/// feed: the package alone must give it the cell language, the generated kernels and the VRF
/// diagnostics, and Verified.Testing's assertion must run.
/// </summary>
[Collection(nameof(PackedFeedCollection))]
public sealed class ConsumerProjectTests(PackedFeed feed)
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_fresh_project_referencing_Verified_and_Verified_Testing_runs_CellAssert_DerivativesHold_on_its_cell()
    {
        var folder = Project("consumer", ["Verified", "Verified.Testing"], SampleCells.Gated, """
            using System;
            using Verified.Testing;

            var checks = CellAssert.DerivativesHold(PackagedGatedCell.Spec);
            Console.WriteLine($"{PackagedGatedCell.Spec.Name}: {checks.Count} derivative checks hold");
            """);

        DotnetProcess.Dotnet(folder, BuildLimit, feed.Environment, "build", "-c", "Release", "-o", "out").Succeeded();
        var run = DotnetProcess.Dotnet(folder, BuildLimit, feed.Environment, Path.Combine("out", "Consumer.dll")).Succeeded();

        Assert.Matches($"{SampleCells.GatedName}: [1-9][0-9]* derivative checks hold", run.Output);
        // The generator and Roslyn are the compiler's business, not the program's.
        Assert.True(File.Exists(Path.Combine(folder, "out", "Verified.Runtime.dll")));
        Assert.False(File.Exists(Path.Combine(folder, "out", "Verified.Generators.dll")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "out"), "Microsoft.CodeAnalysis*.dll"));
    }

    [Fact]
    public void A_mistake_in_a_cell_is_a_VRF_error_in_a_project_that_references_only_Verified()
    {
        var folder = Project("misspelt", ["Verified"], SampleCells.Misspelt, "System.Console.WriteLine(PackagedGatedCell.Spec.Name);");

        var build = DotnetProcess.Dotnet(folder, BuildLimit, feed.Environment, "build", "-c", "Release");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error VRF0004", build.Output);
    }

    private string Project(string name, string[] packages, string cell, string program)
    {
        var folder = feed.OfflineFolder(name);
        var references = string.Join(Environment.NewLine, packages.Select(id => $"""    <PackageReference Include="{id}" Version="{PackedFeed.Version}" />"""));
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Cell.cs"), cell);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        return folder;
    }
}
