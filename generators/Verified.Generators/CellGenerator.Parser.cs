using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verified.Generators.Differentiation;
using Verified.Generators.Model;

namespace Verified.Generators;

public sealed partial class CellGenerator
{
    /// <summary>Turns a cell declaration's syntax into a <see cref="CellModel"/> and its diagnostics.</summary>
    private sealed partial class Parser
    {
        private readonly SemanticModel _semantics;
        private readonly KnownTypes _known;
        private readonly ClassDeclarationSyntax _declaration;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();

        private readonly List<StateModel> _states = new();
        private readonly List<SyntaxToken> _stateTokens = new();
        private InputModel? _input;
        private readonly List<ParameterModel> _parameters = new();
        private TimeStepModel? _timeStep;
        private long _fixedStateSize;
        private readonly Dictionary<string, double> _constants = new();
        /// <summary>Members whose declaration has been reported, so that their uses are not reported again.</summary>
        private readonly HashSet<string> _misdeclared = new();
        /// <summary>Whether an attribute was skipped because the compiler reports its arguments: no model is built then.</summary>
        private bool _leftToCompiler;
        private readonly Dictionary<string, PropertyDeclarationSyntax> _properties = new();
        private readonly Dictionary<string, int> _lowered = new();
        private readonly List<string> _lowering = new();
        private readonly GraphBuilder _graph = new();

        private Parser(SemanticModel semantics, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            _semantics = semantics;
            _known = KnownTypes.Of(semantics.Compilation);
            _declaration = declaration;
            _cancellationToken = cancellationToken;
        }

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var parser = new Parser(context.SemanticModel, (ClassDeclarationSyntax)context.TargetNode, cancellationToken);
            var model = parser.Run((INamedTypeSymbol)context.TargetSymbol, context.Attributes);
            return new ParseResult(parser._diagnostics.Count == 0 ? model : null, parser._diagnostics.ToEquatableArray());
        }

        private CellModel? Run(INamedTypeSymbol symbol, System.Collections.Immutable.ImmutableArray<AttributeData> cellAttributes)
        {
            // A declaration the compiler could not parse whole (a name left out, a token too many)
            // has its errors reported by the compiler, at the place; code generated from it could
            // only add more, in the generated file.
            if (IsIncomplete(_declaration) || _declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(space => IsIncomplete(space.Name)))
            {
                return null;
            }
            var className = _declaration.Identifier;
            if (!_declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.NotPartial, className, className.ValueText);
            }
            if (symbol.ContainingType is not null)
            {
                Report(DiagnosticDescriptors.UnsupportedDeclaration, className, className.ValueText, "a cell cannot be nested in another type");
            }
            if (_declaration.TypeParameterList is { } typeParameters)
            {
                Report(DiagnosticDescriptors.UnsupportedDeclaration, typeParameters, className.ValueText, "a cell cannot be generic");
            }
            for (var space = symbol.ContainingNamespace; !space.IsGlobalNamespace; space = space.ContainingNamespace)
            {
                if (_semantics.Compilation.GetCompilationNamespace(space.ContainingNamespace)?.GetTypeMembers(space.Name).Any() == true)
                {
                    // global::Verified.Init in the generated code would name the namespace Verified.Init, not the enum.
                    var name = _declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name;
                    Report(DiagnosticDescriptors.UnsupportedDeclaration, (SyntaxNode?)name ?? _declaration, className.ValueText,
                        "its namespace '" + space.ToDisplayString() + "' has the name of a type, which the generated code could not name");
                    break;
                }
            }
            if (symbol.IsStatic)
            {
                Report(DiagnosticDescriptors.UnsupportedDeclaration, className, className.ValueText, "a cell class cannot be static: it implements IRecurrentCell");
            }
            if (Emitter.GeneratedNames.Contains(symbol.Name))
            {
                Report(DiagnosticDescriptors.UnsupportedDeclaration, className, className.ValueText, "the generated code adds or uses the name '" + symbol.Name + "' inside the cell class");
            }
            foreach (var member in symbol.GetMembers().Where(member => Emitter.GeneratedNames.Contains(member.Name) && member.Locations.Any(location => location.IsInSource)))
            {
                Report(DiagnosticDescriptors.UnsupportedDeclaration, member.Locations.First(location => location.IsInSource), className.ValueText,
                    "the generated code adds or uses the name '" + member.Name + "' inside the cell class");
            }

            foreach (var member in _declaration.Members)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        ReadField(field);
                        break;
                    case PropertyDeclarationSyntax { ExpressionBody: not null } property:
                        _properties[property.Identifier.ValueText] = property;
                        break;
                }
            }
            // A [State] that was refused has its own error at its attribute: "declares no [State]" would only hide it.
            if (_states.Count == 0 && !symbol.GetMembers().OfType<IFieldSymbol>().Any(field =>
                    field.GetAttributes().Any(attribute => _known.Kind(attribute) == CellAttribute.State)))
            {
                Report(DiagnosticDescriptors.NoState, className, className.ValueText);
            }

            var cellName = ReadCellName(cellAttributes) ?? symbol.Name;
            if (!ExpressionsWithinBounds(_properties.Values.Where(IsCellExpression)))
            {
                return null;
            }

            var updates = ReadUpdates();
            var updateNodes = new int[_states.Count];
            for (var s = 0; s < _states.Count; s++)
            {
                updateNodes[s] = -1;
                if (updates[s] is not { } property)
                {
                    Report(DiagnosticDescriptors.StateWithoutUpdate, _stateTokens[s], _states[s].Name);
                    continue;
                }
                var node = LowerProperty(property);
                if (node >= 0 && _graph[node].Size != _states[s].Size)
                {
                    Report(DiagnosticDescriptors.ShapeMismatch, property.ExpressionBody!.Expression,
                        "the update of '" + _states[s].Name + "'", Describe(_graph[node].Size), Describe(_states[s].Size));
                }
                updateNodes[s] = node;
            }
            // Properties no update uses are still checked, so that their mistakes are reported.
            foreach (var property in _properties.Values)
            {
                if (IsCellExpression(property))
                {
                    LowerProperty(property);
                }
            }
            if (_diagnostics.Count > 0 || _leftToCompiler)
            {
                return null;
            }

            var (nodes, roots) = _graph.Prune(updateNodes);
            return new CellModel(
                symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
                symbol.Name,
                cellName,
                _states.ToEquatableArray(),
                _input,
                _parameters.ToEquatableArray(),
                nodes.ToEquatableArray(),
                roots.ToEquatableArray(),
                _timeStep,
                SourceHash.Of(_declaration));
        }

        private static bool IsIncomplete(SyntaxNode syntax) =>
            syntax.ContainsDiagnostics && (syntax.DescendantTokens().Any(token => token.IsMissing) ||
                syntax.DescendantTrivia().Any(trivia => trivia.IsKind(SyntaxKind.SkippedTokensTrivia)));

        private bool IsCellExpression(PropertyDeclarationSyntax property) =>
            _semantics.GetTypeInfo(property.Type, _cancellationToken).Type is var type && (KnownTypes.Is(type, _known.Vec) || KnownTypes.Is(type, _known.Scalar));

        // ---- members ----------------------------------------------------------------------

        private void ReadField(FieldDeclarationSyntax field)
        {
            foreach (var variable in field.Declaration.Variables)
            {
                var reported = _diagnostics.Count;
                ReadVariable(field, variable);
                if (_diagnostics.Count > reported)
                {
                    _misdeclared.Add(variable.Identifier.ValueText);
                }
            }
        }

        private void ReadVariable(FieldDeclarationSyntax field, VariableDeclaratorSyntax variable)
        {
            var reported = _diagnostics.Count;
            if (_semantics.GetDeclaredSymbol(variable, _cancellationToken) is not IFieldSymbol symbol)
            {
                return;
            }
            if (symbol.IsConst)
            {
                double? number = null;
                if (symbol.HasConstantValue && symbol.ConstantValue is { } value && IsNumber(value))
                {
                    number = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                    _constants[symbol.Name] = number.Value;
                    CheckFinite(number.Value, (SyntaxNode?)variable.Initializer?.Value ?? variable);
                }
                ReadConstantAttributes(symbol, variable, number);
                return;
            }
            var isTimeStep = false;
            foreach (var attribute in symbol.GetAttributes())
            {
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;
                if (HasUnboundArgument(attribute))
                {
                    // The compiler reports the argument it could not bind ([State(N)] with no N); what the generator would
                    // read in its place (no size, another constructor) is no mistake of the cell's. The member's uses are not reported either.
                    _misdeclared.Add(symbol.Name);
                    _leftToCompiler = true;
                    continue;
                }
                switch (_known.Kind(attribute))
                {
                    case CellAttribute.State:
                        if (CheckType(symbol, field.Declaration.Type, "State", _known.Vec, "Vec") &&
                            ReadSize(attribute, syntax, 0, "State") is { } stateSize)
                        {
                            _states.Add(new StateModel(symbol.Name, stateSize));
                            _stateTokens.Add(variable.Identifier);
                            CheckFixedStateSize(stateSize, (SyntaxNode?)syntax ?? field);
                        }
                        break;
                    case CellAttribute.Input:
                        if (_input is not null)
                        {
                            Report(DiagnosticDescriptors.SecondInput, variable.Identifier, symbol.Name);
                        }
                        else if (CheckType(symbol, field.Declaration.Type, "Input", _known.Vec, "Vec") &&
                            ReadSize(attribute, syntax, 0, "Input") is { } inputSize)
                        {
                            _input = new InputModel(symbol.Name, inputSize);
                        }
                        break;
                    case CellAttribute.Parameter:
                        ReadParameter(symbol, field, variable, attribute, syntax);
                        break;
                    case CellAttribute.TimeStep:
                        isTimeStep = true;
                        break;
                }
            }
            // A field whose declaration was refused has its error there: whether it could be the time step is not known.
            if (isTimeStep && _diagnostics.Count == reported && !_misdeclared.Contains(symbol.Name))
            {
                var index = _parameters.FindIndex(parameter => parameter.Name == symbol.Name);
                if (index < 0 || _parameters[index].Kind != ParameterKind.Scalar || _timeStep is not null)
                {
                    Report(DiagnosticDescriptors.BadAttributeArgument, variable.Identifier, "TimeStep", TimeStepRule);
                }
                else
                {
                    _timeStep = TimeStepModel.OfParameter(index);
                }
            }
        }

        private static bool HasUnboundArgument(AttributeData attribute) =>
            attribute.AttributeConstructor is null || attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error) ||
            attribute.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error);

        private const string TimeStepRule = "the time step is the cell's one scalar [Parameter] or one positive numeric constant";

        /// <summary>
        /// A constant may be the time step Δt ([TimeStep] on a positive number); the attributes of
        /// states, inputs and parameters need a field, and are reported rather than ignored.
        /// </summary>
        private void ReadConstantAttributes(IFieldSymbol symbol, VariableDeclaratorSyntax variable, double? value)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                switch (_known.Kind(attribute))
                {
                    case CellAttribute.TimeStep when value is { } dt && dt > 0 && IsFinite(dt) && _timeStep is null:
                        _timeStep = TimeStepModel.OfConstant(dt);
                        break;
                    case CellAttribute.TimeStep:
                        Report(DiagnosticDescriptors.BadAttributeArgument, variable.Identifier, "TimeStep",
                            TimeStepRule + (value is { } number && _timeStep is null ? ", not " + Number(number) : ""));
                        break;
                    case CellAttribute.State or CellAttribute.Input or CellAttribute.Parameter:
                        Report(DiagnosticDescriptors.MemberTypeMismatch, variable.Identifier, symbol.Name, "a constant",
                            attribute.AttributeClass!.Name.Replace("Attribute", ""), "a field that is not const");
                        break;
                }
            }
        }

        private void ReadParameter(IFieldSymbol symbol, FieldDeclarationSyntax field, VariableDeclaratorSyntax variable,
            AttributeData attribute, AttributeSyntax? syntax)
        {
            var arity = attribute.ConstructorArguments.Length;
            var (kind, type, typeName) = arity switch
            {
                0 => (ParameterKind.Scalar, _known.Scalar, "Scalar"),
                1 => (ParameterKind.Vector, _known.Vec, "Vec"),
                _ => (ParameterKind.Matrix, _known.Mat, "Mat"),
            };
            if (!CheckType(symbol, field.Declaration.Type, "Parameter", type, typeName))
            {
                return;
            }
            var rows = arity >= 1 ? ReadSize(attribute, syntax, 0, "Parameter") : SizeModel.Fixed(1);
            var columns = arity >= 2 ? ReadSize(attribute, syntax, 1, "Parameter") : SizeModel.Fixed(1);
            if (rows is null || columns is null)
            {
                return;
            }

            var named = attribute.NamedArguments.ToDictionary(argument => argument.Key, argument => argument.Value.Value);
            SyntaxNode At(string name) => NamedArgument(syntax, name) ?? (SyntaxNode?)syntax ?? field;
            var finite = true;
            double Named(string name, double fallback)
            {
                if (!named.TryGetValue(name, out var value) || value is null)
                {
                    return fallback;
                }
                var number = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                finite &= CheckFinite(number, At(name));
                return number;
            }
            var initKind = named.TryGetValue("Init", out var init) && init is int declared ? declared : 0;
            var defaultValue = 0.0;
            if (variable.Initializer is { } initializer)
            {
                var constant = _semantics.GetConstantValue(initializer.Value, _cancellationToken);
                if (kind != ParameterKind.Scalar || !constant.HasValue || constant.Value is null || !IsNumber(constant.Value))
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, initializer.Value, initializer.Value.ToString(),
                        "a parameter's default value must be a numeric constant of a scalar parameter");
                    return;
                }
                defaultValue = System.Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                finite &= CheckFinite(defaultValue, initializer.Value);
            }
            if (initKind < 0 || initKind >= InitKinds)
            {
                Report(DiagnosticDescriptors.BadAttributeArgument, (SyntaxNode?)syntax ?? field, "Parameter", "unknown Init value " + initKind);
                return;
            }
            var initialisation = new InitModel(initKind, Named("Mean", 0.0), Named("Scale", 1.0), Named("Low", -1.0), Named("High", 1.0), Named("Value", defaultValue));
            if (!finite)
            {
                return;
            }
            if (initKind == UniformInit && initialisation.Low > initialisation.High)
            {
                Report(DiagnosticDescriptors.BadAttributeArgument, named.ContainsKey("High") ? At("High") : At("Low"), "Parameter",
                    "Init.Uniform needs Low ≤ High, not Low = " + Number(initialisation.Low) + " and High = " + Number(initialisation.High));
                return;
            }
            _parameters.Add(new ParameterModel(symbol.Name, kind, rows.Value, columns.Value, initialisation));
        }

        /// <summary>Verified.Init.Uniform.</summary>
        private static readonly int UniformInit = System.Array.IndexOf(InitModel.Kinds, "Uniform");

        /// <summary>The number of values of Verified.Init.</summary>
        private static readonly int InitKinds = InitModel.Kinds.Length;

        private static SyntaxNode? NamedArgument(AttributeSyntax? syntax, string name) =>
            syntax?.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == name)?.Expression;

        /// <summary>The cell's name from [RecurrentCell(Name = ...)], or null for the class name; a name that cannot be listed or emitted is reported.</summary>
        private string? ReadCellName(System.Collections.Immutable.ImmutableArray<AttributeData> cellAttributes)
        {
            var attribute = cellAttributes.FirstOrDefault();
            if (attribute?.NamedArguments.FirstOrDefault(argument => argument.Key == "Name").Value.Value is not string name)
            {
                return null;
            }
            // Control characters and line breaks would end the string literal and the comment that carry the name.
            if (string.IsNullOrWhiteSpace(name) || name.Any(character => char.IsControl(character) ||
                    char.GetUnicodeCategory(character) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator))
            {
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;
                Report(DiagnosticDescriptors.BadAttributeArgument, NamedArgument(syntax, "Name") ?? (SyntaxNode?)syntax ?? _declaration, "RecurrentCell",
                    "a cell's name is not blank and has no control characters or line breaks");
            }
            return name;
        }

        private bool CheckType(IFieldSymbol symbol, TypeSyntax typeSyntax, string attribute, INamedTypeSymbol? expected, string expectedName)
        {
            if (KnownTypes.Is(symbol.Type, expected))
            {
                return true;
            }
            Report(DiagnosticDescriptors.MemberTypeMismatch, typeSyntax, symbol.Name, symbol.Type.ToDisplayString(), attribute, expectedName);
            return false;
        }

        private SizeModel? ReadSize(AttributeData attribute, AttributeSyntax? syntax, int position, string attributeName)
        {
            SyntaxNode where = syntax?.ArgumentList?.Arguments.Count > position
                ? syntax.ArgumentList.Arguments[position]
                : (SyntaxNode?)syntax ?? _declaration;
            // Arguments that match no constructor of the attribute bind to none at all.
            var argument = position < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[position].Value : null;
            switch (argument)
            {
                case string sizeText when ParseNamedSize(sizeText) is { } named:
                    return named;
                case int value when value > 0 && value <= MaxFixedSize:
                    return SizeModel.Fixed(value);
                default:
                    Report(DiagnosticDescriptors.BadAttributeArgument, where, attributeName,
                        "a size is a dimension name such as \"N\", a multiple of one such as \"4*N\" (a factor from 1 to " + Count(MaxFixedSize) +
                        ") or an integer from 1 to " + Count(MaxFixedSize) + ", not " + (argument is string text ? "\"" + text + "\"" : argument?.ToString() ?? "null"));
                    return null;
            }
        }

        /// <summary>A dimension name "N" or a multiple "4*N" (spaces allowed around '*'); null for any other text.</summary>
        private static SizeModel? ParseNamedSize(string text)
        {
            var star = text.IndexOf('*');
            if (star < 0)
            {
                return SyntaxFacts.IsValidIdentifier(text) ? SizeModel.Named(text) : null;
            }
            var (factor, name) = (text.Substring(0, star).Trim(), text.Substring(star + 1).Trim());
            return factor.Length > 0 && factor.All(digit => digit is >= '0' and <= '9') && SyntaxFacts.IsValidIdentifier(name) &&
                int.TryParse(factor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var multiplier) &&
                multiplier >= 1 && multiplier <= MaxFixedSize
                    ? SizeModel.Multiple(multiplier, name)
                    : null;
        }

        /// <summary>
        /// The fixed part of the state size n is bounded like a size, so that the n×n Jacobian of a
        /// cell with only fixed sizes fits a .NET array.
        /// </summary>
        private void CheckFixedStateSize(SizeModel size, SyntaxNode where)
        {
            var before = _fixedStateSize;
            _fixedStateSize += size.Name is null ? size.Value : 0;
            if (before <= MaxFixedSize && _fixedStateSize > MaxFixedSize)
            {
                Report(DiagnosticDescriptors.BadAttributeArgument, where, "State",
                    "the fixed state sizes add up to " + _fixedStateSize + ", more than " + Count(MaxFixedSize));
            }
        }

        private PropertyDeclarationSyntax?[] ReadUpdates()
        {
            var updates = new PropertyDeclarationSyntax?[_states.Count];
            foreach (var property in _properties.Values)
            {
                if (_semantics.GetDeclaredSymbol(property, _cancellationToken) is not IPropertySymbol symbol)
                {
                    continue;
                }
                foreach (var attribute in symbol.GetAttributes())
                {
                    if (_known.Kind(attribute) != CellAttribute.Update)
                    {
                        continue;
                    }
                    var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;
                    SyntaxNode where = syntax?.ArgumentList?.Arguments.FirstOrDefault() ?? (SyntaxNode)property;
                    var target = attribute.ConstructorArguments.FirstOrDefault().Value as string;
                    var state = _states.FindIndex(candidate => candidate.Name == target);
                    if (state < 0)
                    {
                        // A state whose declaration was refused has its error there; its update is no second mistake.
                        if (target is null || !_misdeclared.Contains(target))
                        {
                            Report(DiagnosticDescriptors.UpdateOfNonState, where, target ?? "null");
                        }
                    }
                    else if (updates[state] is { } earlier)
                    {
                        Report(DiagnosticDescriptors.StateUpdatedTwice, where, target!, earlier.Identifier.ValueText);
                    }
                    else
                    {
                        updates[state] = property;
                    }
                }
            }
            return updates;
        }

        // ---- helpers ----------------------------------------------------------------------

        private static string Describe(SizeModel? size) => size is { } vector ? "Vec[" + vector + "]" : "Scalar";

        private static bool IsNumber(object value) => value is double or float or int or long or short or byte or decimal;

        private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        /// <summary>Whether a constant is finite; NaN and the infinities have no literal in the generated code.</summary>
        private bool CheckFinite(double value, SyntaxNode where)
        {
            if (!IsFinite(value))
            {
                Report(DiagnosticDescriptors.ConstantOutOfRange, where, Text(where), double.IsNaN(value) ? "NaN" : "infinite");
                return false;
            }
            return true;
        }


        private void Report(DiagnosticDescriptor descriptor, SyntaxNode where, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(where.GetLocation()), arguments.ToEquatableArray()));

        private void Report(DiagnosticDescriptor descriptor, Location where, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(where), arguments.ToEquatableArray()));

        private void Report(DiagnosticDescriptor descriptor, SyntaxToken where, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(where.GetLocation()), arguments.ToEquatableArray()));
    }
}
