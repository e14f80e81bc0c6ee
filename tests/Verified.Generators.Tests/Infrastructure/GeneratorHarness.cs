using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verified.Generators;

namespace Verified.Generators.Tests.Infrastructure;

/// <summary>Runs the cell generator on source text as a user's project would compile it.</summary>
public static class GeneratorHarness
{
    /// <summary>The usings a cell's source starts with.</summary>
    public const string CellHeader = "using Verified;\nusing static Verified.CellMath;\n";

    private static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(CellSpec).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "UserCells",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), $"Cell{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create([new CellGenerator().AsSourceGenerator()],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    public static string RepositoryFile(string relative, [System.Runtime.CompilerServices.CallerFilePath] string caller = "")
    {
        var folder = Path.GetDirectoryName(caller)!;
        while (!File.Exists(Path.Combine(folder, "Verified.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("Verified.sln not found above " + caller);
        }
        return Path.Combine(folder, relative);
    }

    public static IReadOnlyList<string> BuiltInCellFiles() =>
        Directory.GetFiles(RepositoryFile("runtime/Verified.Runtime/Cells/BuiltIn"), "*.cs").OrderBy(path => path, StringComparer.Ordinal).ToList();
}
