using Microsoft.CodeAnalysis.CSharp;
using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>A malformed declaration never crashes the generator: every built-in cell cut short at every token.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Cells() => EmittedSourceSnapshotTests.Cells();

    [Theory]
    [MemberData(nameof(Cells))]
    public void Generator_survives_declaration_cut_at_every_token(string cell)
    {
        var source = File.ReadAllText(GeneratorHarness.RepositoryFile($"runtime/Verified.Runtime/Cells/BuiltIn/{cell}.cs"));
        var cuts = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Select(token => token.Span.End).Distinct().ToList();
        Assert.True(cuts.Count > 40, $"only {cuts.Count} tokens in {cell}");

        var driver = GeneratorHarness.Driver();
        foreach (var cut in cuts)
        {
            driver = driver.RunGenerators(GeneratorHarness.Compilation(source[..cut]));
            var result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"cut at {cut}: {result.Exception}");
        }
    }
}
