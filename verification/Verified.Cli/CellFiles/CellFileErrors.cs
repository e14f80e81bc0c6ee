using System.Globalization;
using Microsoft.CodeAnalysis;
using Verified.Cli.Commands;
using Verified.Generators;

namespace Verified.Cli.CellFiles;

/// <summary>
/// The refusal of a cell file that does not compile: one "path:line:column: ID: message" line per
/// error, in the order that puts causes before what follows from them. The generator's errors come
/// first, those about one declaration on its own (<see cref="DiagnosticDescriptors.DeclarationTag"/>:
/// a size, a member's type) before those about how members relate (an update, a name, a shape), which
/// a refused declaration can bring about; the compiler's own errors come after them, less any at
/// the very token of a generator error, which says the same in the cell's terms (an unknown name is
/// VRF0003 and CS0103). Within each group the errors follow the file. At most a limit of them is
/// listed, then how many more there are.
/// </summary>
public static class CellFileErrors
{
    /// <summary>How many errors a refusal lists unless --all-errors lifts the limit.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The refusal listing the errors among <paramref name="diagnostics"/>, at most <paramref name="limit"/> of them (null: all).</summary>
    public static UsageException Refusal(IEnumerable<Diagnostic> diagnostics, int? limit)
    {
        var errors = diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => (Diagnostic: diagnostic, Span: diagnostic.Location.GetLineSpan(), Message: OneLine(diagnostic.GetMessage(CultureInfo.InvariantCulture))))
            .DistinctBy(error => (error.Diagnostic.Id, error.Span.Path, error.Span.StartLinePosition, error.Message))
            .ToList();
        var generatorSpans = errors.Where(error => IsGenerators(error.Diagnostic)).Select(error => error.Diagnostic.Location.SourceSpan).ToHashSet();
        var lines = errors
            .Where(error => IsGenerators(error.Diagnostic) || !generatorSpans.Contains(error.Diagnostic.Location.SourceSpan))
            .OrderBy(error => Group(error.Diagnostic))
            .ThenBy(error => error.Span.IsValid ? 0 : 1)
            .ThenBy(error => error.Span.StartLinePosition)
            .Select(error => (error.Span.IsValid ? $"{error.Span.Path}:{error.Span.StartLinePosition.Line + 1}:{error.Span.StartLinePosition.Character + 1}: " : "") +
                $"{error.Diagnostic.Id}: {error.Message}")
            .ToList();
        var shown = limit is { } most && lines.Count > most ? most : lines.Count;
        var more = lines.Count - shown;
        return new UsageException(string.Join("\n", lines.Take(shown).Concat(more == 0 ? [] :
            [$"{more} more error{(more == 1 ? "" : "s")} ({lines.Count} in all; --all-errors lists every one)"])));
    }

    /// <summary>0: the generator's errors about one declaration; 1: its errors about how members relate; 2: the compiler's.</summary>
    private static int Group(Diagnostic diagnostic) =>
        !IsGenerators(diagnostic) ? 2 : diagnostic.Descriptor.CustomTags.Contains(DiagnosticDescriptors.DeclarationTag) ? 0 : 1;

    private static bool IsGenerators(Diagnostic diagnostic) =>
        diagnostic.Descriptor.Category is DiagnosticDescriptors.Category or DiagnosticDescriptors.CellFileCategory;

    private static string OneLine(string text) => string.Join(" ", text.Split((char[])['\r', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
