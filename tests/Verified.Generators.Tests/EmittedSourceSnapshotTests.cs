using Verified.Generators.Tests.Infrastructure;
using Verified.Testing;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>The emitted source of each built-in cell, locked as a snapshot (one line per array entry).</summary>
public sealed class EmittedSourceSnapshotTests
{
    public static TheoryData<string> Cells()
    {
        var data = new TheoryData<string>();
        foreach (var file in GeneratorHarness.BuiltInCellFiles())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Emitted_source_matches_snapshot(string cell)
    {
        var source = File.ReadAllText(GeneratorHarness.RepositoryFile($"runtime/Verified.Runtime/Cells/BuiltIn/{cell}.cs"));

        var (result, output) = GeneratorHarness.Run(source);

        Assert.Null(result.Exception);
        Assert.Empty(output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var generated = Assert.Single(result.GeneratedSources).SourceText.ToString();
        GuardedSnapshot.Match(generated.Split('\n'), "EmittedSource_" + cell);
    }
}
