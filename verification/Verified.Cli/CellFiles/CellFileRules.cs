using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verified.Generators;

namespace Verified.Cli.CellFiles;

/// <summary>
/// What a cell file may contain, checked on its syntax before it is compiled, loaded or run:
/// usings of namespaces and of Verified.CellMath, an optional namespace, and one [RecurrentCell]
/// class whose members are the cell language's — numeric constants, fields with the cell's
/// attributes, expression-bodied Vec and Scalar properties. Loading a cell runs its class's static
/// initialisation and reads its Spec, so nothing else may be there to run: no static constructor,
/// static field, method, module initialiser, other type or assembly attribute.
/// </summary>
public static class CellFileRules
{
    private static readonly HashSet<string> CellAttributes = ["RecurrentCell", "State", "Input", "Parameter", "TimeStep", "Update"];
    private static readonly HashSet<string> FieldAttributes = ["State", "Input", "Parameter", "TimeStep"];
    private static readonly HashSet<SyntaxKind> AccessModifiers =
        [SyntaxKind.PublicKeyword, SyntaxKind.InternalKeyword, SyntaxKind.PrivateKeyword, SyntaxKind.ProtectedKeyword];
    private static readonly HashSet<SyntaxKind> ClassModifiers =
        [SyntaxKind.PublicKeyword, SyntaxKind.InternalKeyword, SyntaxKind.SealedKeyword, SyntaxKind.PartialKeyword];
    private static readonly HashSet<SyntaxKind> NumericTypes =
        [SyntaxKind.DoubleKeyword, SyntaxKind.FloatKeyword, SyntaxKind.IntKeyword, SyntaxKind.LongKeyword,
         SyntaxKind.ShortKeyword, SyntaxKind.ByteKeyword, SyntaxKind.DecimalKeyword];

    /// <summary>
    /// The violations in a cell file, in source order, none when it is a cell and nothing else; and
    /// the cell class, when there is one.
    /// </summary>
    public static (IReadOnlyList<Diagnostic> Violations, ClassDeclarationSyntax? Cell) Check(SyntaxTree tree)
    {
        var violations = new List<Diagnostic>();
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var cell = CheckScope(root.Externs, root.Usings, root.Members, allowNamespace: true, violations);
        foreach (var list in root.AttributeLists)
        {
            Report(violations, DiagnosticDescriptors.CellFileAttribute, list, Text(list));
        }
        if (cell is null)
        {
            Report(violations, DiagnosticDescriptors.CellFileDeclaration, root.EndOfFileToken, "the file ends without a [RecurrentCell] class");
        }
        else
        {
            CheckClass(cell, violations);
        }
        return (violations.OrderBy(violation => violation.Location.SourceSpan.Start).ToList(), cell);
    }

    /// <summary>Checks the file's or its namespace's contents; returns the cell, the first [RecurrentCell] class.</summary>
    private static ClassDeclarationSyntax? CheckScope(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings,
        SyntaxList<MemberDeclarationSyntax> members, bool allowNamespace, List<Diagnostic> violations)
    {
        foreach (var external in externs)
        {
            Report(violations, DiagnosticDescriptors.CellFileUsing, external, Text(external));
        }
        foreach (var directive in usings.Where(directive => !IsAllowed(directive)))
        {
            Report(violations, DiagnosticDescriptors.CellFileUsing, directive, Text(directive));
        }
        ClassDeclarationSyntax? cell = null;
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax space when allowNamespace && cell is null:
                    allowNamespace = false;
                    cell = CheckScope(space.Externs, space.Usings, space.Members, allowNamespace: false, violations);
                    break;
                case BaseNamespaceDeclarationSyntax space:
                    Report(violations, DiagnosticDescriptors.CellFileDeclaration, space.Name, $"the namespace '{space.Name}' is a second scope");
                    break;
                case ClassDeclarationSyntax candidate when cell is null && IsCell(candidate):
                    cell = candidate;
                    break;
                case BaseTypeDeclarationSyntax type:
                    Report(violations, DiagnosticDescriptors.CellFileDeclaration, type.Identifier,
                        IsCell(type) && cell is not null ? $"'{type.Identifier.ValueText}' is a second [RecurrentCell] class" : $"'{type.Identifier.ValueText}' is another type");
                    break;
                case DelegateDeclarationSyntax type:
                    Report(violations, DiagnosticDescriptors.CellFileDeclaration, type.Identifier, $"'{type.Identifier.ValueText}' is a delegate");
                    break;
                case GlobalStatementSyntax statement:
                    Report(violations, DiagnosticDescriptors.CellFileDeclaration, statement, "a top-level statement");
                    break;
                default:
                    Report(violations, DiagnosticDescriptors.CellFileDeclaration, member, $"'{Text(member)}' is outside the cell class");
                    break;
            }
        }
        return cell;
    }

    /// <summary>A namespace import, or the one static import of the cell functions; aliases and global usings are refused.</summary>
    private static bool IsAllowed(UsingDirectiveSyntax directive) =>
        directive.Alias is null && directive.GlobalKeyword.IsKind(SyntaxKind.None) && directive.UnsafeKeyword.IsKind(SyntaxKind.None) &&
        (directive.StaticKeyword.IsKind(SyntaxKind.None) ||
         directive.NamespaceOrType is QualifiedNameSyntax { Right.Identifier.ValueText: "CellMath" } cellMath && IsVerified(cellMath.Left));

    private static bool IsCell(MemberDeclarationSyntax type) =>
        type.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => CellAttributeName(attribute) == "RecurrentCell");

    private static void CheckClass(ClassDeclarationSyntax cell, List<Diagnostic> violations)
    {
        CheckModifiers(cell.Modifiers, ClassModifiers, violations, DiagnosticDescriptors.CellFileDeclaration);
        CheckAttributes(cell.AttributeLists, ["RecurrentCell"], violations);
        if (cell.ParameterList is { } primaryConstructor)
        {
            Report(violations, DiagnosticDescriptors.CellFileDeclaration, primaryConstructor, $"the primary constructor '{Text(primaryConstructor)}'");
        }
        if (cell.BaseList is { } bases)
        {
            Report(violations, DiagnosticDescriptors.CellFileDeclaration, bases, $"the base list '{Text(bases)}' (a cell has none; the generator adds IRecurrentCell)");
        }
        foreach (var member in cell.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field:
                    CheckField(field, violations);
                    break;
                case PropertyDeclarationSyntax property:
                    CheckProperty(property, violations);
                    break;
                default:
                    Report(violations, DiagnosticDescriptors.CellFileMember, KeyToken(member), Describe(member));
                    break;
            }
        }
    }

    private static void CheckField(FieldDeclarationSyntax field, List<Diagnostic> violations)
    {
        var isConstant = field.Modifiers.Any(SyntaxKind.ConstKeyword);
        CheckModifiers(field.Modifiers, isConstant ? [.. AccessModifiers, SyntaxKind.ConstKeyword] : AccessModifiers, violations, DiagnosticDescriptors.CellFileMember);
        var first = field.Declaration.Variables.FirstOrDefault()?.Identifier ?? field.Declaration.Type.GetFirstToken();
        if (isConstant)
        {
            // A constant may be the cell's time step Δt.
            CheckAttributes(field.AttributeLists, ["TimeStep"], violations);
            if (field.Declaration.Type is not PredefinedTypeSyntax { Keyword: var keyword } || !NumericTypes.Contains(keyword.Kind()))
            {
                Report(violations, DiagnosticDescriptors.CellFileMember, field.Declaration.Type, $"the constant '{first.ValueText}' is not of a numeric type");
            }
            CheckInitialisers(field, violations);
            return;
        }
        var attributes = CheckAttributes(field.AttributeLists, FieldAttributes, violations);
        if (attributes.Count == 0)
        {
            Report(violations, DiagnosticDescriptors.CellFileMember, first, $"the field '{first.ValueText}' is neither a constant nor a state, input or parameter");
            return;
        }
        if (attributes.Contains("Parameter"))
        {
            CheckInitialisers(field, violations);
            return;
        }
        foreach (var variable in field.Declaration.Variables.Where(variable => variable.Initializer is not null))
        {
            Report(violations, DiagnosticDescriptors.CellFileMember, variable.Initializer!, $"'{variable.Identifier.ValueText}' has an initialiser; only a [Parameter] has a default value");
        }
    }

    /// <summary>Initialisers are constant expressions: numbers and names joined by + - * / and parentheses, so that none calls anything.</summary>
    private static void CheckInitialisers(FieldDeclarationSyntax field, List<Diagnostic> violations)
    {
        foreach (var variable in field.Declaration.Variables)
        {
            var offending = variable.Initializer?.Value.DescendantNodesAndSelf().FirstOrDefault(node => !IsConstantSyntax(node));
            if (offending is not null)
            {
                Report(violations, DiagnosticDescriptors.CellFileMember, offending,
                    $"the initialiser of '{variable.Identifier.ValueText}' is not a constant expression of numbers, names and + - * /");
            }
        }
    }

    private static bool IsConstantSyntax(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NumericLiteralExpression),
        IdentifierNameSyntax or PredefinedTypeSyntax or ParenthesizedExpressionSyntax => true,
        MemberAccessExpressionSyntax member => member.IsKind(SyntaxKind.SimpleMemberAccessExpression),
        AliasQualifiedNameSyntax alias => alias.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword),
        PrefixUnaryExpressionSyntax unary => unary.Kind() is SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression,
        BinaryExpressionSyntax binary => binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression
            or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression,
        _ => false,
    };

    private static void CheckProperty(PropertyDeclarationSyntax property, List<Diagnostic> violations)
    {
        CheckModifiers(property.Modifiers, AccessModifiers, violations, DiagnosticDescriptors.CellFileMember);
        CheckAttributes(property.AttributeLists, ["Update"], violations);
        var name = property.Identifier.ValueText;
        if (property.ExpressionBody is null || property.AccessorList is not null || property.Initializer is not null)
        {
            Report(violations, DiagnosticDescriptors.CellFileMember, (SyntaxNode?)property.AccessorList ?? property,
                $"the property '{name}' has accessors; a cell's properties are expression-bodied (=> ...)");
        }
        if (property.ExplicitInterfaceSpecifier is { } explicitInterface)
        {
            Report(violations, DiagnosticDescriptors.CellFileMember, explicitInterface, $"the property '{name}' implements an interface");
        }
        if (TypeName(property.Type) is not ("Vec" or "Scalar"))
        {
            Report(violations, DiagnosticDescriptors.CellFileMember, property.Type, $"the property '{name}' is of type '{Text(property.Type)}', not Vec or Scalar");
        }
    }

    /// <summary>The simple name of Vec, Verified.Vec or global::Verified.Vec; null for any other type.</summary>
    private static string? TypeName(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        QualifiedNameSyntax qualified when IsVerified(qualified.Left) => qualified.Right.Identifier.ValueText,
        _ => null,
    };

    private static bool IsVerified(NameSyntax name) =>
        name is IdentifierNameSyntax { Identifier.ValueText: "Verified" } ||
        name is AliasQualifiedNameSyntax { Alias.Identifier.RawKind: (int)SyntaxKind.GlobalKeyword, Name.Identifier.ValueText: "Verified" };

    /// <summary>The cell attribute an attribute names (State for [State], [StateAttribute], [Verified.State], ...), or null.</summary>
    internal static string? CellAttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            IdentifierNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified when IsVerified(qualified.Left) => qualified.Right.Identifier.ValueText,
            _ => null,
        };
        var bare = name is not null && name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        return bare is not null && CellAttributes.Contains(bare) ? bare : null;
    }

    /// <summary>Reports every attribute that is not one of <paramref name="allowed"/> (or has a target); returns the allowed ones present.</summary>
    private static HashSet<string> CheckAttributes(SyntaxList<AttributeListSyntax> lists, HashSet<string> allowed, List<Diagnostic> violations)
    {
        var present = new HashSet<string>();
        foreach (var list in lists)
        {
            if (list.Target is { } target)
            {
                Report(violations, DiagnosticDescriptors.CellFileAttribute, target, Text(list));
            }
            foreach (var attribute in list.Attributes)
            {
                if (CellAttributeName(attribute) is { } name && allowed.Contains(name))
                {
                    present.Add(name);
                }
                else
                {
                    Report(violations, DiagnosticDescriptors.CellFileAttribute, attribute, "[" + Text(attribute) + "]");
                }
            }
        }
        return present;
    }

    private static void CheckModifiers(SyntaxTokenList modifiers, HashSet<SyntaxKind> allowed, List<Diagnostic> violations, DiagnosticDescriptor descriptor)
    {
        foreach (var modifier in modifiers.Where(modifier => !allowed.Contains(modifier.Kind())))
        {
            Report(violations, descriptor, modifier, $"the modifier '{modifier.ValueText}'");
        }
    }

    private static SyntaxToken KeyToken(MemberDeclarationSyntax member) => member switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier,
        DelegateDeclarationSyntax type => type.Identifier,
        MethodDeclarationSyntax method => method.Identifier,
        ConstructorDeclarationSyntax constructor => constructor.Identifier,
        DestructorDeclarationSyntax destructor => destructor.Identifier,
        OperatorDeclarationSyntax op => op.OperatorToken,
        ConversionOperatorDeclarationSyntax conversion => conversion.OperatorKeyword,
        EventDeclarationSyntax @event => @event.Identifier,
        EventFieldDeclarationSyntax @event => @event.Declaration.Variables.FirstOrDefault()?.Identifier ?? @event.EventKeyword,
        IndexerDeclarationSyntax indexer => indexer.ThisKeyword,
        _ => member.GetFirstToken(),
    };

    private static string Describe(MemberDeclarationSyntax member) => member switch
    {
        BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => $"'{KeyToken(member).ValueText}' is a nested type",
        MethodDeclarationSyntax method => $"'{method.Identifier.ValueText}' is a method",
        ConstructorDeclarationSyntax constructor when constructor.Modifiers.Any(SyntaxKind.StaticKeyword) => "a static constructor",
        ConstructorDeclarationSyntax => "a constructor",
        DestructorDeclarationSyntax => "a finalizer",
        OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax => "an operator",
        EventDeclarationSyntax or EventFieldDeclarationSyntax => $"'{KeyToken(member).ValueText}' is an event",
        IndexerDeclarationSyntax => "an indexer",
        _ => $"'{Text(member)}' is not a member of the cell language",
    };

    private const int MaxTextLength = 80;

    /// <summary>A declaration's source on one line, cut to a readable length for a message.</summary>
    private static string Text(SyntaxNode node)
    {
        var text = string.Join(" ", node.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength] + " …";
    }

    private static void Report(List<Diagnostic> violations, DiagnosticDescriptor descriptor, SyntaxNode where, string argument) =>
        Report(violations, descriptor, where.GetLocation(), argument);

    private static void Report(List<Diagnostic> violations, DiagnosticDescriptor descriptor, SyntaxToken where, string argument) =>
        Report(violations, descriptor, where.GetLocation(), argument);

    private static void Report(List<Diagnostic> violations, DiagnosticDescriptor descriptor, Location where, string argument) =>
        violations.Add(Diagnostic.Create(descriptor, where, argument));
}
