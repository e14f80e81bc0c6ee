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
    private sealed class Parser
    {
        private const string Vec = "Verified.Vec";
        private const string Mat = "Verified.Mat";
        private const string Scalar = "Verified.Scalar";

        private readonly SemanticModel _semantics;
        private readonly ClassDeclarationSyntax _declaration;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();

        private readonly List<StateModel> _states = new();
        private readonly List<SyntaxToken> _stateTokens = new();
        private InputModel? _input;
        private readonly List<ParameterModel> _parameters = new();
        private int _timeStep = -1;
        private readonly Dictionary<string, double> _constants = new();
        private readonly Dictionary<string, PropertyDeclarationSyntax> _properties = new();
        private readonly Dictionary<string, int> _lowered = new();
        private readonly List<string> _lowering = new();
        private readonly GraphBuilder _graph = new();

        private Parser(SemanticModel semantics, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            _semantics = semantics;
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
            if (_states.Count == 0)
            {
                Report(DiagnosticDescriptors.NoState, className, className.ValueText);
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
            if (_diagnostics.Count > 0)
            {
                return null;
            }

            var cellName = cellAttributes.FirstOrDefault()?.NamedArguments
                .FirstOrDefault(argument => argument.Key == "Name").Value.Value as string ?? symbol.Name;
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

        private bool IsCellExpression(PropertyDeclarationSyntax property) =>
            _semantics.GetTypeInfo(property.Type, _cancellationToken).Type?.ToDisplayString() is Vec or Scalar;

        // ---- members ----------------------------------------------------------------------

        private void ReadField(FieldDeclarationSyntax field)
        {
            foreach (var variable in field.Declaration.Variables)
            {
                if (_semantics.GetDeclaredSymbol(variable, _cancellationToken) is not IFieldSymbol symbol)
                {
                    continue;
                }
                if (symbol.IsConst)
                {
                    if (symbol.HasConstantValue && symbol.ConstantValue is { } value && IsNumber(value))
                    {
                        _constants[symbol.Name] = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                    continue;
                }
                var isTimeStep = false;
                foreach (var attribute in symbol.GetAttributes())
                {
                    var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case "Verified.StateAttribute":
                            if (CheckType(symbol, field.Declaration.Type, "State", Vec, "Vec") &&
                                ReadSize(attribute, syntax, 0, "State") is { } stateSize)
                            {
                                _states.Add(new StateModel(symbol.Name, stateSize));
                                _stateTokens.Add(variable.Identifier);
                            }
                            break;
                        case "Verified.InputAttribute":
                            if (_input is not null)
                            {
                                Report(DiagnosticDescriptors.SecondInput, variable.Identifier, symbol.Name);
                            }
                            else if (CheckType(symbol, field.Declaration.Type, "Input", Vec, "Vec") &&
                                ReadSize(attribute, syntax, 0, "Input") is { } inputSize)
                            {
                                _input = new InputModel(symbol.Name, inputSize);
                            }
                            break;
                        case "Verified.ParameterAttribute":
                            ReadParameter(symbol, field, variable, attribute, syntax);
                            break;
                        case "Verified.TimeStepAttribute":
                            isTimeStep = true;
                            break;
                    }
                }
                if (isTimeStep)
                {
                    var index = _parameters.FindIndex(parameter => parameter.Name == symbol.Name);
                    if (index < 0 || _parameters[index].Kind != ParameterKind.Scalar || _timeStep >= 0)
                    {
                        Report(DiagnosticDescriptors.BadAttributeArgument, variable.Identifier, "TimeStep",
                            "the time step must be the cell's one scalar [Parameter]");
                    }
                    else
                    {
                        _timeStep = index;
                    }
                }
            }
        }

        private void ReadParameter(IFieldSymbol symbol, FieldDeclarationSyntax field, VariableDeclaratorSyntax variable,
            AttributeData attribute, AttributeSyntax? syntax)
        {
            var arity = attribute.ConstructorArguments.Length;
            var (kind, type, typeName) = arity switch
            {
                0 => (ParameterKind.Scalar, Scalar, "Scalar"),
                1 => (ParameterKind.Vector, Vec, "Vec"),
                _ => (ParameterKind.Matrix, Mat, "Mat"),
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
            double Named(string name, double fallback) =>
                named.TryGetValue(name, out var value) && value is not null
                    ? System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)
                    : fallback;
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
            }
            if (initKind < 0 || initKind > 6)
            {
                Report(DiagnosticDescriptors.BadAttributeArgument, (SyntaxNode?)syntax ?? field, "Parameter", "unknown Init value " + initKind);
                return;
            }
            _parameters.Add(new ParameterModel(symbol.Name, kind, rows.Value, columns.Value, new InitModel(
                initKind,
                Named("Mean", 0.0),
                Named("Scale", 1.0),
                Named("Low", -1.0),
                Named("High", 1.0),
                Named("Value", defaultValue))));
        }

        private bool CheckType(IFieldSymbol symbol, TypeSyntax typeSyntax, string attribute, string expected, string expectedName)
        {
            var actual = symbol.Type.ToDisplayString();
            if (actual == expected)
            {
                return true;
            }
            Report(DiagnosticDescriptors.MemberTypeMismatch, typeSyntax, symbol.Name, actual, attribute, expectedName);
            return false;
        }

        private SizeModel? ReadSize(AttributeData attribute, AttributeSyntax? syntax, int position, string attributeName)
        {
            var argument = attribute.ConstructorArguments[position].Value;
            SyntaxNode where = syntax?.ArgumentList?.Arguments.Count > position
                ? syntax.ArgumentList.Arguments[position]
                : (SyntaxNode?)syntax ?? _declaration;
            switch (argument)
            {
                case string name when SyntaxFacts.IsValidIdentifier(name):
                    return SizeModel.Named(name);
                case int value when value > 0:
                    return SizeModel.Fixed(value);
                default:
                    Report(DiagnosticDescriptors.BadAttributeArgument, where, attributeName,
                        "a size is a dimension name such as \"N\" or a positive integer, not " + (argument is string text ? "\"" + text + "\"" : argument?.ToString() ?? "null"));
                    return null;
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
                    if (attribute.AttributeClass?.ToDisplayString() != "Verified.UpdateAttribute")
                    {
                        continue;
                    }
                    var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;
                    SyntaxNode where = syntax?.ArgumentList?.Arguments.FirstOrDefault() ?? (SyntaxNode)property;
                    var target = attribute.ConstructorArguments.FirstOrDefault().Value as string;
                    var state = _states.FindIndex(candidate => candidate.Name == target);
                    if (state < 0)
                    {
                        Report(DiagnosticDescriptors.UpdateOfNonState, where, target ?? "null");
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

        // ---- expressions ------------------------------------------------------------------

        private int LowerProperty(PropertyDeclarationSyntax property)
        {
            var name = property.Identifier.ValueText;
            if (_lowered.TryGetValue(name, out var done))
            {
                return done;
            }
            _lowering.Add(name);
            var node = Lower(property.ExpressionBody!.Expression);
            _lowering.RemoveAt(_lowering.Count - 1);
            if (node >= 0)
            {
                _graph.Name(node, name);
            }
            _lowered[name] = node;
            return node;
        }

        private int Lower(ExpressionSyntax expression)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Lower(parenthesized.Expression);
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal:
                    return _graph.Constant(System.Convert.ToDouble(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture));
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression):
                    return Apply(Primitive.Negate, Lower(unary.Operand), unary);
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryPlusExpression):
                    return Lower(unary.Operand);
                case BinaryExpressionSyntax binary:
                    return LowerBinary(binary);
                case InvocationExpressionSyntax invocation:
                    return LowerCall(invocation);
                case IdentifierNameSyntax identifier:
                    return LowerIdentifier(identifier.Identifier);
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member:
                    return LowerIdentifier(member.Name.Identifier);
                default:
                    Report(DiagnosticDescriptors.UnsupportedExpression, expression, expression.ToString(),
                        "a cell expression uses numbers, names of the cell's members, + - * /, parentheses and the functions of CellMath");
                    return -1;
            }
        }

        private int LowerBinary(BinaryExpressionSyntax binary)
        {
            var primitive = binary.Kind() switch
            {
                SyntaxKind.AddExpression => Primitive.Add,
                SyntaxKind.SubtractExpression => Primitive.Subtract,
                SyntaxKind.MultiplyExpression => Primitive.Multiply,
                SyntaxKind.DivideExpression => Primitive.Divide,
                _ => Primitive.None,
            };
            if (primitive == Primitive.None)
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, binary.OperatorToken, binary.OperatorToken.ValueText,
                    "the operators of a cell expression are + - * /");
                return -1;
            }
            if (primitive == Primitive.Multiply && MatrixParameter(binary.Left) is { } matrix)
            {
                var operand = Lower(binary.Right);
                if (operand < 0)
                {
                    return -1;
                }
                var parameter = _parameters[matrix];
                var size = _graph[operand].Size;
                if (size != parameter.Columns)
                {
                    Report(DiagnosticDescriptors.ShapeMismatch, binary.OperatorToken, "'" + Text(binary) + "'",
                        "Mat[" + parameter.Rows + "×" + parameter.Columns + "]", Describe(size));
                    return -1;
                }
                if (_graph[operand].Kind == NodeKind.Parameter)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, binary, Text(binary),
                        "a matrix times a vector parameter is a constant; declare the product as a vector parameter");
                    return -1;
                }
                return _graph.MatVec(matrix, operand, parameter.Rows, Text(binary));
            }
            var left = Lower(binary.Left);
            var right = Lower(binary.Right);
            if (left < 0 || right < 0)
            {
                return -1;
            }
            var (a, b) = (_graph[left].Size, _graph[right].Size);
            if (a is not null && b is not null && a != b)
            {
                Report(DiagnosticDescriptors.ShapeMismatch, binary.OperatorToken, "'" + Text(binary) + "'", Describe(a), Describe(b));
                return -1;
            }
            return _graph.Binary(primitive, left, right, Text(binary));
        }

        private int LowerCall(InvocationExpressionSyntax invocation)
        {
            SyntaxToken name;
            switch (invocation.Expression)
            {
                case IdentifierNameSyntax identifier:
                    name = identifier.Identifier;
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "CellMath" } } member:
                    name = member.Name.Identifier;
                    break;
                case MemberAccessExpressionSyntax member:
                    Report(DiagnosticDescriptors.UnknownFunction, member.Name, member.ToString(), PrimitiveRules.FunctionList);
                    return -1;
                default:
                    Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Expression, invocation.Expression.ToString(),
                        "only the functions of CellMath can be called");
                    return -1;
            }
            if (!PrimitiveRules.Functions.TryGetValue(name.ValueText, out var primitive))
            {
                Report(DiagnosticDescriptors.UnknownFunction, name, name.ValueText, PrimitiveRules.FunctionList);
                return -1;
            }
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count != 1)
            {
                Report(DiagnosticDescriptors.WrongArgumentCount, invocation.ArgumentList, name.ValueText, "1", arguments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return -1;
            }
            return Apply(primitive, Lower(arguments[0].Expression), invocation);
        }

        private int Apply(Primitive primitive, int operand, ExpressionSyntax syntax) =>
            operand < 0 ? -1 : _graph.Unary(primitive, operand, Text(syntax));

        private int LowerIdentifier(SyntaxToken identifier)
        {
            var name = identifier.ValueText;
            var state = _states.FindIndex(candidate => candidate.Name == name);
            if (state >= 0)
            {
                return _graph.State(state, _states[state]);
            }
            if (_input is { } input && input.Name == name)
            {
                return _graph.Input(input);
            }
            var parameter = _parameters.FindIndex(candidate => candidate.Name == name);
            if (parameter >= 0)
            {
                if (_parameters[parameter].Kind == ParameterKind.Matrix)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, identifier, name,
                        "a matrix can only be the left operand of '*' with a vector");
                    return -1;
                }
                return _graph.Parameter(parameter, _parameters[parameter]);
            }
            if (_constants.TryGetValue(name, out var constant))
            {
                return _graph.Constant(constant);
            }
            if (_properties.TryGetValue(name, out var property) && IsCellExpression(property))
            {
                var cycleStart = _lowering.IndexOf(name);
                if (cycleStart >= 0)
                {
                    var path = string.Join(" → ", _lowering.Skip(cycleStart).Concat(new[] { name }));
                    Report(DiagnosticDescriptors.IntermediateCycle, identifier, name, path);
                    return -1;
                }
                return LowerProperty(property);
            }
            if (IsAttributedMember(name))
            {
                return -1; // its declaration was wrong and has been reported there
            }
            Report(DiagnosticDescriptors.UnknownIdentifier, identifier, name);
            return -1;
        }

        private bool IsAttributedMember(string name) =>
            _declaration.Members.OfType<FieldDeclarationSyntax>()
                .Any(field => field.AttributeLists.Count > 0 && field.Declaration.Variables.Any(variable => variable.Identifier.ValueText == name));

        private int? MatrixParameter(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }
            var name = expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name.Identifier.ValueText,
                _ => null,
            };
            var index = _parameters.FindIndex(parameter => parameter.Name == name && parameter.Kind == ParameterKind.Matrix);
            return index >= 0 ? index : null;
        }

        // ---- helpers ----------------------------------------------------------------------

        private static string Describe(SizeModel? size) => size is { } vector ? "Vec[" + vector + "]" : "Scalar";

        private static string Text(SyntaxNode syntax) =>
            string.Join(" ", syntax.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));

        private static bool IsNumber(object value) => value is double or float or int or long or short or byte or decimal;

        private void Report(DiagnosticDescriptor descriptor, SyntaxNode where, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(where.GetLocation()), arguments.ToEquatableArray()));

        private void Report(DiagnosticDescriptor descriptor, SyntaxToken where, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(where.GetLocation()), arguments.ToEquatableArray()));
    }
}
