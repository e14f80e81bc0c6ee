using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verified.Cli.Commands;

namespace Verified.Cli.CellFiles;

/// <summary>
/// What a cell file's syntax alone decides about its cell, read before the file is compiled (which
/// takes seconds), so that a name or an option the cell cannot take is refused at once: the name
/// (a literal [RecurrentCell(Name = ...)] or else the class name), the input, the named sizes and
/// the matrices drawn with the gain, each left unknown where only the compiler can tell (a size or
/// an initialisation given by a constant, say).
/// </summary>
/// <param name="Name">The cell's name, or null when the syntax does not give it.</param>
/// <param name="NamedAt">Where the name is given: the Name argument, or else the class name.</param>
/// <param name="Facts">The facts the options depend on.</param>
public sealed record CellOutline(string? Name, Location NamedAt, CellFacts Facts)
{
    /// <summary>The outline of the [RecurrentCell] class <paramref name="cell"/> (which <see cref="CellFileRules"/> let through).</summary>
    public static CellOutline Of(ClassDeclarationSyntax cell)
    {
        var named = Attributes(cell.AttributeLists, "RecurrentCell").SelectMany(Arguments).FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == "Name");
        var name = named is null ? cell.Identifier.ValueText
            : named.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
        var fields = cell.Members.OfType<FieldDeclarationSyntax>().ToList();
        var states = fields.SelectMany(field => Attributes(field.AttributeLists, "State")).Select(attribute => Size(Positional(attribute).FirstOrDefault())).ToList();
        var inputs = fields.SelectMany(field => Attributes(field.AttributeLists, "Input")).Select(attribute => Size(Positional(attribute).FirstOrDefault())).ToList();
        var parameters = fields.SelectMany(field => Attributes(field.AttributeLists, "Parameter")).ToList();
        var sizes = states.Concat(inputs).Concat(parameters.SelectMany(parameter => Positional(parameter).Select(Size))).ToList();
        bool? namesSize = sizes.Any(size => size is null) ? null : sizes.Any(size => size!.Value.Name is { } dimension && dimension != "I");
        var gains = parameters.Select(parameter => DrawnWithGain(parameter, states)).ToList();
        bool? usesGain = gains.Contains(true) ? true : gains.Contains(null) ? null : false;
        return new CellOutline(name, named?.Expression.GetLocation() ?? cell.Identifier.GetLocation(), new CellFacts(name ?? cell.Identifier.ValueText, namesSize, usesGain, inputs.Count > 0));
    }

    /// <summary>
    /// Whether a parameter is drawn with the gain (<see cref="Initialisation.ParameterInitialiser.UsesGain"/>): an explicit
    /// RecurrentGaussian or Orthogonal, or by default a matrix whose columns are a state's size.
    /// </summary>
    private static bool? DrawnWithGain(AttributeSyntax parameter, IReadOnlyList<(int Multiple, string? Name)?> states)
    {
        var init = Arguments(parameter).FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == "Init");
        var kind = init is null ? nameof(Init.Auto) : init.Expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : null;
        if (kind != nameof(Init.Auto))
        {
            return kind is null ? null : kind is nameof(Init.RecurrentGaussian) or nameof(Init.Orthogonal);
        }
        var positional = Positional(parameter).ToList();
        if (positional.Count < 2)
        {
            return false;
        }
        var columns = Size(positional[1]);
        return columns is null || states.Any(state => state is null) ? null : states.Contains(columns);
    }

    private static IEnumerable<AttributeSyntax> Attributes(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(list => list.Attributes).Where(attribute => CellFileRules.CellAttributeName(attribute) == name);

    private static IEnumerable<AttributeArgumentSyntax> Arguments(AttributeSyntax attribute) => attribute.ArgumentList?.Arguments ?? [];

    private static IEnumerable<AttributeArgumentSyntax> Positional(AttributeSyntax attribute) =>
        Arguments(attribute).Where(argument => argument.NameEquals is null && argument.NameColon is null);

    /// <summary>A size written as a literal: an integer, a name or "k*name" (the forms the generator reads); null for anything else.</summary>
    private static (int Multiple, string? Name)? Size(AttributeArgumentSyntax? argument)
    {
        if (argument?.Expression is not LiteralExpressionSyntax literal)
        {
            return null;
        }
        if (literal.IsKind(SyntaxKind.NumericLiteralExpression))
        {
            return literal.Token.Value is int fixedSize ? (fixedSize, null) : null;
        }
        if (!literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return null;
        }
        var parts = literal.Token.ValueText.Split('*', StringSplitOptions.TrimEntries);
        var (multiple, name) = parts.Length == 2 ? (parts[0], parts[1]) : ("1", parts[0]);
        return int.TryParse(multiple, NumberStyles.None, CultureInfo.InvariantCulture, out var times) && SyntaxFacts.IsValidIdentifier(name) ? (times, name) : null;
    }
}
