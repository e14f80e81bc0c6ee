using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verified.Cli.Commands;
using Verified.Generators;

namespace Verified.Cli.CellFiles;

/// <summary>
/// Compiles a user's cell declaration in-process exactly as a project would: the same Roslyn
/// version, the Verified generator, the runtime as reference. The file is first checked on its
/// syntax against <see cref="CellFileRules"/>, so that nothing in it but the cell reaches the
/// compiler, and nothing at all runs before the one cell class's generated Spec is read. A file that
/// does not compile is refused with its errors (<see cref="CellFileErrors"/>): the generator's first,
/// root causes before what follows from them, then the compiler's own.
/// </summary>
public static class CellFileCompiler
{
    // A declaration's assembly (named by the hash of its text) loads once per process: the same text compiled again returns the cell already loaded.
    private static readonly Dictionary<string, CellSpec> Loaded = [];
    private static readonly Lock Loading = new();

    /// <summary>
    /// The cell file at <paramref name="fullPath"/>, read and checked on its syntax; <paramref name="displayPath"/> names it in messages,
    /// and a refusal lists at most <paramref name="errorLimit"/> errors (null: all of them).
    /// </summary>
    public static CellFile Read(string fullPath, string displayPath, int? errorLimit = CellFileErrors.DefaultLimit)
    {
        if (Directory.Exists(fullPath))
        {
            throw new UsageException($"cell file '{displayPath}' is a directory");
        }
        if (!File.Exists(fullPath))
        {
            throw new UsageException($"cell file '{displayPath}' does not exist");
        }
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cell file '{displayPath}' cannot be read: {unreadable.Message}");
        }
        return Parse(text, displayPath, errorLimit);
    }

    /// <summary>A cell declaration given as source text, checked on its syntax (<see cref="CellFileRules"/>) and for a name of its own; <paramref name="displayPath"/> names it in messages.</summary>
    public static CellFile Parse(string text, string displayPath, int? errorLimit = CellFileErrors.DefaultLimit)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), displayPath);
        var (violations, cell) = CellFileRules.Check(tree);
        if (violations.Count > 0 || cell is null)
        {
            throw CellFileErrors.Refusal(tree.GetDiagnostics().Concat(violations), errorLimit);
        }
        var outline = CellOutline.Of(cell);
        RefuseBuiltInName(outline.Name, outline.NamedAt);
        return new CellFile(text, tree, cell, outline, errorLimit);
    }

    /// <summary>Compiles and loads a checked cell file (once per process for the same text).</summary>
    public static CellSpec Compile(CellFile file)
    {
        var name = "VerifiedUserCell" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file.Text)))[..16];
        lock (Loading)
        {
            if (!Loaded.TryGetValue(name, out var spec))
            {
                spec = Load(name, file);
                // A name the syntax could not tell (a constant's) is known now.
                RefuseBuiltInName(spec.Name, file.Outline.NamedAt);
                Loaded[name] = spec;
            }
            return spec;
        }
    }

    /// <summary>Compiles a cell declaration given as source text; <paramref name="displayPath"/> names it in diagnostics.</summary>
    public static IReadOnlyList<CellSpec> CompileSource(string text, string displayPath) => [Compile(Parse(text, displayPath))];

    /// <summary>
    /// A cell file's cell may not take a built-in cell's name: the name would stand for two cells, and a sweep or a
    /// figure, which find cells by name, would take one for the other.
    /// </summary>
    private static void RefuseBuiltInName(string? name, Location namedAt)
    {
        if (name is not null && BuiltInCells.Find(name) is not null)
        {
            var span = namedAt.GetLineSpan();
            throw new UsageException($"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}: the cell is named '{name}', " +
                "the name of a built-in cell; give it a name of its own ([RecurrentCell(Name = \"...\")])");
        }
    }

    private static CellSpec Load(string name, CellFile file)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [file.Tree],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
                optimizationLevel: OptimizationLevel.Release, allowUnsafe: false));
        CSharpGeneratorDriver.Create(new CellGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var diagnostics = generatorDiagnostics.Concat(generated.GetDiagnostics()).ToList();
        if (diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            throw CellFileErrors.Refusal(diagnostics, file.ErrorLimit);
        }
        using var image = new MemoryStream();
        var emitted = generated.Emit(image);
        if (!emitted.Success)
        {
            throw CellFileErrors.Refusal(emitted.Diagnostics, file.ErrorLimit);
        }
        image.Position = 0;
        var assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        // The rules let through one class, the cell, and the generator implemented IRecurrentCell on it.
        var type = assembly.GetType(MetadataName(file.Cell), throwOnError: true)!;
        return (CellSpec)type.GetProperty(nameof(IRecurrentCell.Spec), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    private static string MetadataName(ClassDeclarationSyntax cell) =>
        cell.Parent is BaseNamespaceDeclarationSyntax space
            ? string.Join(".", space.Name.DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken)).Select(token => token.ValueText)) + "." + cell.Identifier.ValueText
            : cell.Identifier.ValueText;

    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform.Append(typeof(CellSpec).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
    }
}

/// <summary>
/// A cell file read and checked on its syntax, not yet compiled: its text, syntax tree, cell class, what the syntax decides about the
/// cell, and how many errors a refusal lists (null: all).
/// </summary>
public sealed record CellFile(string Text, SyntaxTree Tree, ClassDeclarationSyntax Cell, CellOutline Outline, int? ErrorLimit);
