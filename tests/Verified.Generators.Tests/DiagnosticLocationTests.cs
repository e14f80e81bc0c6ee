using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>
/// A diagnostic is reported at a location in the declaration's own syntax tree, not a detached file
/// position: editors place it, and #pragma could suppress it (dotnet/runtime#92509).
/// </summary>
public sealed class DiagnosticLocationTests
{
    [Fact]
    public void Diagnostics_are_located_in_the_declarations_syntax_tree()
    {
        var source = GeneratorHarness.CellHeader + "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Tan(h); }";

        var (result, output) = GeneratorHarness.Run("// another file\n", source);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True(diagnostic.Location.IsInSource, $"{diagnostic.Location.Kind} location");
        Assert.Same(output.SyntaxTrees.Single(tree => tree.FilePath == "Cell1.cs"), diagnostic.Location.SourceTree);
        Assert.Equal("Tan", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, 3));
    }
}
