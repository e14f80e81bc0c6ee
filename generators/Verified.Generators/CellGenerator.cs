using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verified.Generators.Model;

namespace Verified.Generators;

/// <summary>
/// Turns each <c>[RecurrentCell]</c> class into float and double kernels: the pipeline alone.
/// Parsing lives in CellGenerator.Parser.cs, emission in CellGenerator.Emitter.cs.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class CellGenerator : IIncrementalGenerator
{
    /// <summary>The generator's version, as the build (Directory.Build.props) gives its assembly: major.minor.patch.</summary>
    public static readonly string Version = typeof(CellGenerator).Assembly.GetName().Version!.ToString(3);
    private const string RecurrentCellAttribute = "Verified.RecurrentCellAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                RecurrentCellAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName("Parse");

        // Diagnostics in a pipeline of their own: the cached parse holds them without syntax trees, and only
        // here, at reporting, are their locations put back into the current compilation's trees.
        IncrementalValuesProvider<DiagnosticInfo> diagnostics = results.SelectMany(static (result, _) => result.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) =>
            output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));

        IncrementalValuesProvider<CellModel> models = results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName("Model");
        context.RegisterSourceOutput(models, static (output, model) =>
            output.AddSource(Emitter.HintName(model), Emitter.Emit(model)));
    }
}
