using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>The spec names each declared initialisation by its member of Verified.Init, the one the declaration chose.</summary>
public sealed class InitNamingTests
{
    public static TheoryData<string> Kinds() => [.. Enum.GetNames<Init>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_spec_names_the_declared_Init_member(string kind)
    {
        var source = GeneratorHarness.CellHeader +
            "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\", Init = Init." + kind + ")] public Vec b; [Update(nameof(h))] public Vec n => h + b; }";

        var (result, output) = GeneratorHarness.Run(source);

        Assert.Empty(output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var generated = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("new global::Verified.InitSpec(global::Verified.Init." + kind + ", Mean: ", generated);
    }
}
