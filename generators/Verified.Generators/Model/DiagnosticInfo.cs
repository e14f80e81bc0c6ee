using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Verified.Generators.Model;

/// <summary>A location without the syntax tree behind it, so that it can live in the cached model.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>
    /// The location in its syntax tree of <paramref name="compilation"/>: a source location, which an
    /// editor places and #pragma can suppress (dotnet/runtime#92509); an external one where no one tree has its path.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        var trees = compilation.SyntaxTrees.Where(tree => tree.FilePath == FilePath).Take(2).ToList();
        return trees.Count == 1 && Span.End <= trees[0].Length ? Location.Create(trees[0], Span) : Location.Create(FilePath, Span, LineSpan);
    }
}

internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic(Compilation compilation) =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location.ToLocation(compilation), Arguments.ToArray<object>());
}

internal static class EquatableArrayExtensions
{
    public static TOut[] ToArray<TOut>(this EquatableArray<string> items)
    {
        var result = new TOut[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = (TOut)(object)items[i];
        }
        return result;
    }
}

/// <summary>The parser's output for one class: a model when the declaration is valid, and its diagnostics.</summary>
internal sealed record ParseResult(CellModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
