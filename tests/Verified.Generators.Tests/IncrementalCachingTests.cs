using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>An edit that touches no cell leaves every cell's model and output cached.</summary>
public sealed class IncrementalCachingTests
{
    [Fact]
    public void Edit_outside_cells_keeps_every_cell_cached()
    {
        var sources = GeneratorHarness.BuiltInCellFiles().Select(File.ReadAllText).Append("public static class Unrelated { public static int Value => 1; }").ToArray();
        var compilation = GeneratorHarness.Compilation(sources);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var unrelated = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(unrelated,
            CSharpSyntaxTree.ParseText("public static class Unrelated { public static int Value => 2; }", (CSharpParseOptions)unrelated.Options, unrelated.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var models = result.TrackedSteps["Model"].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(sources.Length - 1, models.Count);
        Assert.All(models, output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Edit_inside_a_cell_regenerates_that_cell()
    {
        var source = File.ReadAllText(GeneratorHarness.RepositoryFile("runtime/Verified.Runtime/Cells/BuiltIn/VanillaTanh.cs"));
        var compilation = GeneratorHarness.Compilation(source);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree,
            CSharpSyntaxTree.ParseText(source.Replace("Tanh(h)", "Sigmoid(h)"), (CSharpParseOptions)tree.Options, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps["Model"].SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
    }
}
