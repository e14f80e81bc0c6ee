using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Verified.Generators;

/// <summary>
/// A cell declaration's fields (<c>[State("N")] public Vec h;</c>) are never assigned: they only
/// name the parts of the cell. This suppresses the nullable warning CS8618 on them, so that the
/// declarations of docs/design.md compile unchanged with nullable reference types on.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CellNullabilitySuppressor : DiagnosticSuppressor
{
    private static readonly SuppressionDescriptor Rule = new(
        "VRFS001", "CS8618",
        "The fields of a [RecurrentCell] declaration name the cell's states, input and parameters; they are never read.");

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(Rule);

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var known = KnownTypes.Of(context.Compilation);
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }
            var model = context.GetSemanticModel(tree);
            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan);
            if (model.GetDeclaredSymbol(node, context.CancellationToken) is IFieldSymbol field &&
                (KnownTypes.Is(field.Type, known.Vec) || KnownTypes.Is(field.Type, known.Mat) || KnownTypes.Is(field.Type, known.Scalar)) &&
                field.ContainingType.GetAttributes().Any(attribute => KnownTypes.Is(attribute.AttributeClass, known.RecurrentCell)))
            {
                context.ReportSuppression(Suppression.Create(Rule, diagnostic));
            }
        }
    }
}
