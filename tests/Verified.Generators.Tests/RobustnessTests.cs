using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verified.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Verified.Generators.Tests;

/// <summary>
/// A malformed declaration never crashes the generator and never yields generated code that does
/// not compile: every built-in cell cut short at every token, and with every token deleted,
/// duplicated and replaced.
/// </summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    /// <summary>
    /// Replacements: the cell language's own tokens, and values and names that break the generated
    /// code unless the generator refuses them (non-finite and oversized numbers, sizes, names the
    /// generated code uses, keywords declared with @).
    /// </summary>
    private static readonly string[] Replacements =
    [
        "h", "x", "W", "b", "0", "2", "-1", "1e400", "1e39", "2000000000", "\"\"", "\"N\"", "\"h\"",
        "+", "-", "*", "/", "%", "(", ")", ",", ";", ".", "=", "=>", "[", "]", "{", "}",
        "Tanh", "Sigmoid", "this", "nameof", "double.NaN", "Init.Uniform", "Init.Constant",
        "Vec", "Mat", "Scalar", "State", "Input", "Parameter", "Update", "TimeStep",
        "static", "partial", "class", "public", "Spec", "Gemm", "Kernels", "@int", "@nameof",
    ];

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

    [Fact]
    public void Every_token_deleted_duplicated_or_replaced_fails_only_with_located_diagnostics()
    {
        var probes = new List<(string Cell, string Mutation, string Source)>();
        var originals = new Dictionary<string, CSharpCompilation>();
        foreach (var file in GeneratorHarness.BuiltInCellFiles())
        {
            var source = File.ReadAllText(file);
            var cell = Path.GetFileNameWithoutExtension(file);
            originals[cell] = GeneratorHarness.Compilation(source);
            var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Where(token => token.Span.Length > 0).ToList();
            for (var i = 0; i < tokens.Count; i++)
            {
                var (before, text, after) = (source[..tokens[i].SpanStart], tokens[i].Text, source[tokens[i].Span.End..]);
                probes.Add((cell, $"token {i} '{text}' deleted", before + after));
                probes.Add((cell, $"token {i} '{text}' duplicated", before + text + " " + text + after));
                // Two replacements per token, drawn deterministically so that each appears throughout every file.
                foreach (var replacement in new[] { Replacements[(7 * i) % Replacements.Length], Replacements[(7 * i + 3 * cell.Length + 1) % Replacements.Length] }
                    .Where(replacement => replacement != text).Distinct())
                {
                    probes.Add((cell, $"token {i} '{text}' replaced by '{replacement}'", before + replacement + after));
                }
            }
        }

        var failures = new ConcurrentBag<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var compiled = new ConcurrentDictionary<string, string?>();
        Parallel.ForEach(probes, probe =>
        {
            var (failure, outcome) = Probe(originals[probe.Cell], probe.Source, compiled);
            outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
            if (failure is not null)
            {
                failures.Add($"{probe.Cell}, {probe.Mutation}: {failure}");
            }
        });

        output.WriteLine($"{probes.Count} probes: " + string.Join(", ", outcomes.OrderBy(pair => pair.Key).Select(pair => $"{pair.Value} {pair.Key}")) + $"; {failures.Count} failures");
        Assert.True(probes.Count > 3000, $"only {probes.Count} probes");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {probes.Count} probes:\n" + string.Join("\n", failures.Order().Take(20)));
    }

    [Fact]
    public void Names_declared_as_keywords_generate_code_that_compiles()
    {
        const string Source = "using Verified;\nusing static Verified.CellMath;\nnamespace Verified.@int;\n" +
            "[RecurrentCell] public partial class @class { [State(\"N\")] public Vec @double; [Parameter(\"N\")] public Vec @nameof; " +
            "[Update(nameof(@double))] public Vec @var => Tanh(@double) + @nameof; }";

        var (failure, outcome) = Probe(GeneratorHarness.Compilation(Source), Source, new ConcurrentDictionary<string, string?>());

        Assert.Null(failure);
        Assert.Equal("generated and compiled", outcome);
    }

    /// <summary>
    /// How the generator handled a declaration, and what was wrong with it, if anything: an
    /// exception; a diagnostic outside the declaration; a cell with no output and neither a VRF
    /// diagnostic nor a syntax error nor a compiler error in an attribute; an error in the
    /// generated code. The mutant replaces the original's tree, so that the compilations share
    /// their references' symbols; generated code
    /// is compiled once per text (the source hash aside, which every mutant changes and which is
    /// only a string literal).
    /// </summary>
    private static (string? Failure, string Outcome) Probe(CSharpCompilation original, string source, ConcurrentDictionary<string, string?> compiled)
    {
        var tree = original.SyntaxTrees.Single();
        var declaration = CSharpSyntaxTree.ParseText(source, (CSharpParseOptions)tree.Options, tree.FilePath);
        var compilation = original.ReplaceSyntaxTree(tree, declaration);
        var driver = CSharpGeneratorDriver.Create(new CellGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var updated, out _);
        var result = driver.GetRunResult().Results.Single();
        var semantics = compilation.GetSemanticModel(declaration);
        var cells = declaration.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
            .Count(type => semantics.GetDeclaredSymbol(type)?.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == "Verified.RecurrentCellAttribute") == true);
        var syntaxErrors = declaration.GetDiagnostics().Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        // An attribute whose arguments the compiler cannot bind ([State()], [TimeStep("I")]) is left to the compiler's error there.
        var attributeErrors = !syntaxErrors && semantics.GetDiagnostics().Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error &&
            declaration.GetRoot().FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>().Any());
        var outcome = result.GeneratedSources.Length > 0 ? "generated and compiled"
            : result.Diagnostics.Length > 0 ? "refused with VRF diagnostics"
            : cells == 0 ? "not a cell"
            : attributeErrors ? "left to the compiler's errors in an attribute"
            : "left to the compiler's syntax errors";
        if (result.Exception is not null)
        {
            return ("exception " + result.Exception, outcome);
        }
        if (result.Diagnostics.FirstOrDefault(diagnostic => !IsIn(diagnostic.Location, declaration)) is { } unlocated)
        {
            return ("diagnostic outside the declaration: " + unlocated, outcome);
        }
        if (result.GeneratedSources.Length < cells && !syntaxErrors && !attributeErrors && !result.Diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            return ("a cell generated nothing and nothing reported an error", outcome);
        }
        foreach (var generated in updated.SyntaxTrees.Where(candidate => candidate != declaration))
        {
            var key = SourceHashLiteral.Replace(generated.ToString(), "\"hash\"");
            var error = compiled.GetOrAdd(key, _ => updated.GetSemanticModel(generated).GetDiagnostics()
                .FirstOrDefault(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)?.ToString());
            if (error is not null)
            {
                return ("error in the generated code: " + error, outcome);
            }
        }
        return (null, outcome);
    }

    private static readonly System.Text.RegularExpressions.Regex SourceHashLiteral = new("\"[0-9a-f]{32}\"");

    /// <summary>Whether a location is a span of the declaration (the generator's locations name the file, not the tree).</summary>
    private static bool IsIn(Location location, SyntaxTree declaration) =>
        location.Kind != LocationKind.None && location.GetLineSpan().Path == declaration.FilePath &&
        location.SourceSpan.End <= declaration.Length;
}
