using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Verified.Generators.Differentiation;
using Verified.Generators.Model;

namespace Verified.Generators;

public sealed partial class CellGenerator
{
    private sealed partial class Parser
    {
        /// <summary>What to do with a work item: lower an expression, or combine the results of its operands.</summary>
        private enum Step { Expression, Negate, Call, Binary, MatVec, Block, Property }

        private readonly record struct WorkItem(Step Step, SyntaxNode Syntax, int Argument);

        // Lowering runs on an explicit stack, not on the call stack, so that a long sum, a deep
        // nesting or a long chain of intermediates cannot overflow it: operands are lowered left
        // to right and each result is combined when its operands are done, the order of recursion.
        private readonly Stack<WorkItem> _work = new();
        private readonly Stack<int> _results = new();

        /// <summary>Lowers a property's expression into the graph; −1 when it has a mistake (reported).</summary>
        private int LowerProperty(PropertyDeclarationSyntax property)
        {
            EnterProperty(property);
            while (_work.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var item = _work.Pop();
                switch (item.Step)
                {
                    case Step.Expression:
                        Visit((ExpressionSyntax)item.Syntax);
                        break;
                    case Step.Negate:
                        _results.Push(Apply(Primitive.Negate, _results.Pop(), (ExpressionSyntax)item.Syntax));
                        break;
                    case Step.Call:
                        _results.Push(CombineCall((InvocationExpressionSyntax)item.Syntax, (Primitive)item.Argument, _results.Pop()));
                        break;
                    case Step.Binary:
                        var right = _results.Pop();
                        _results.Push(CombineBinary((BinaryExpressionSyntax)item.Syntax, (Primitive)item.Argument, _results.Pop(), right));
                        break;
                    case Step.MatVec:
                        _results.Push(CombineMatVec((BinaryExpressionSyntax)item.Syntax, item.Argument, _results.Pop()));
                        break;
                    case Step.Block:
                        _results.Push(CombineBlock((InvocationExpressionSyntax)item.Syntax, _results.Pop()));
                        break;
                    case Step.Property:
                        _results.Push(LeaveProperty((PropertyDeclarationSyntax)item.Syntax, _results.Pop()));
                        break;
                }
            }
            return _results.Pop();
        }

        private void EnterProperty(PropertyDeclarationSyntax property)
        {
            if (_lowered.TryGetValue(property.Identifier.ValueText, out var done))
            {
                _results.Push(done);
                return;
            }
            _lowering.Add(property.Identifier.ValueText);
            Push(Step.Property, property);
            Push(Step.Expression, property.ExpressionBody!.Expression);
        }

        private int LeaveProperty(PropertyDeclarationSyntax property, int node)
        {
            var name = property.Identifier.ValueText;
            _lowering.RemoveAt(_lowering.Count - 1);
            if (node >= 0)
            {
                _graph.Name(node, name);
            }
            _lowered[name] = node;
            return node;
        }

        private void Push(Step step, SyntaxNode syntax, int argument = 0) => _work.Push(new WorkItem(step, syntax, argument));

        /// <summary>Lowers a leaf at once, or schedules an operation after its operands (pushed last, so lowered first).</summary>
        private void Visit(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    Push(Step.Expression, parenthesized.Expression);
                    return;
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal:
                    var value = System.Convert.ToDouble(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture);
                    _results.Push(CheckFinite(value, literal) ? _graph.Constant(value) : -1);
                    return;
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression):
                    Push(Step.Negate, unary);
                    Push(Step.Expression, unary.Operand);
                    return;
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryPlusExpression):
                    Push(Step.Expression, unary.Operand);
                    return;
                case BinaryExpressionSyntax binary:
                    VisitBinary(binary);
                    return;
                case InvocationExpressionSyntax invocation:
                    VisitCall(invocation);
                    return;
                case IdentifierNameSyntax identifier:
                    VisitIdentifier(identifier.Identifier);
                    return;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member:
                    VisitIdentifier(member.Name.Identifier);
                    return;
                default:
                    Report(DiagnosticDescriptors.UnsupportedExpression, expression, Text(expression),
                        "a cell expression uses numbers, names of the cell's members, + - * /, parentheses and the functions of CellMath");
                    _results.Push(-1);
                    return;
            }
        }

        private void VisitBinary(BinaryExpressionSyntax binary)
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
                _results.Push(-1);
                return;
            }
            if (primitive == Primitive.Multiply && MatrixParameter(binary.Left) is { } matrix)
            {
                Push(Step.MatVec, binary, matrix);
                Push(Step.Expression, binary.Right);
                return;
            }
            Push(Step.Binary, binary, (int)primitive);
            Push(Step.Expression, binary.Right);
            Push(Step.Expression, binary.Left);
        }

        private int CombineMatVec(BinaryExpressionSyntax binary, int matrix, int operand)
        {
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

        private int CombineBinary(BinaryExpressionSyntax binary, Primitive primitive, int left, int right)
        {
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
            var node = _graph.Binary(primitive, left, right, Text(binary));
            if (_graph[node].Kind == NodeKind.Constant)
            {
                // Operations on constants are folded, and the result may overflow.
                return CheckFinite(_graph[node].Constant, binary) ? node : -1;
            }
            return FitsFloat(left, binary.Left) & FitsFloat(right, binary.Right) ? node : -1;
        }

        /// <summary>
        /// Whether an operand, if it is a constant, fits a float: an operation with a constant operand
        /// writes it as a literal in the float kernels too, where a larger one does not compile.
        /// </summary>
        private bool FitsFloat(int operand, ExpressionSyntax syntax)
        {
            // NaN and the infinities have been reported where they arose.
            var value = _graph[operand].Constant;
            if (_graph[operand].Kind != NodeKind.Constant || !IsFinite(value) || System.Math.Abs(value) <= float.MaxValue)
            {
                return true;
            }
            Report(DiagnosticDescriptors.ConstantOutOfRange, syntax, Text(syntax), Number(value));
            return false;
        }

        private void VisitCall(InvocationExpressionSyntax invocation)
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
                    Report(DiagnosticDescriptors.UnknownFunction, member.Name, Text(member), PrimitiveRules.FunctionList);
                    _results.Push(-1);
                    return;
                default:
                    Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Expression, Text(invocation.Expression),
                        "only the functions of CellMath can be called");
                    _results.Push(-1);
                    return;
            }
            var isBlock = name.ValueText == PrimitiveRules.Block;
            var primitive = Primitive.None;
            if (!isBlock && !PrimitiveRules.Functions.TryGetValue(name.ValueText, out primitive))
            {
                Report(DiagnosticDescriptors.UnknownFunction, name, name.ValueText, PrimitiveRules.FunctionList);
                _results.Push(-1);
                return;
            }
            var arguments = invocation.ArgumentList.Arguments;
            var arity = isBlock ? 3 : 1;
            if (arguments.Count != arity)
            {
                Report(DiagnosticDescriptors.WrongArgumentCount, invocation.ArgumentList, name.ValueText,
                    arity.ToString(System.Globalization.CultureInfo.InvariantCulture), arguments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                _results.Push(-1);
                return;
            }
            // Block's index and count are read as constants when it is combined; only its vector is lowered.
            Push(isBlock ? Step.Block : Step.Call, invocation, (int)primitive);
            Push(Step.Expression, arguments[0].Expression);
        }

        /// <summary>Block(v, j, G): the j-th of G equal blocks of v, j and G constant integers, G dividing v's size.</summary>
        private int CombineBlock(InvocationExpressionSyntax invocation, int operand)
        {
            var arguments = invocation.ArgumentList.Arguments;
            var index = ConstantInteger(invocation, arguments[1].Expression, "index");
            var count = ConstantInteger(invocation, arguments[2].Expression, "count");
            if (operand < 0 || index is null || count is null)
            {
                return -1;
            }
            if (_graph[operand].Size is not { } size)
            {
                Report(DiagnosticDescriptors.BadBlock, arguments[0].Expression, Text(invocation), "'" + Text(arguments[0].Expression) + "' is a scalar, not a vector");
                return -1;
            }
            if (count < 1)
            {
                Report(DiagnosticDescriptors.BadBlock, arguments[2].Expression, Text(invocation), "the count of blocks is at least 1, not " + count);
                return -1;
            }
            var blockSize = size.DividedBy(count.Value);
            if (blockSize is null)
            {
                Report(DiagnosticDescriptors.BadBlock, arguments[2].Expression, Text(invocation),
                    "Vec[" + size + "] does not split into " + count + " equal blocks at every size; declare its size as a multiple, such as \"" + count + "*N\"");
            }
            if (index < 0 || index >= count)
            {
                Report(DiagnosticDescriptors.BadBlock, arguments[1].Expression, Text(invocation),
                    "the index of a block is from 0 to " + (count - 1) + ", not " + index);
                return -1;
            }
            return blockSize is { } resolved ? _graph.Block(operand, index.Value, resolved, Text(invocation)) : -1;
        }

        /// <summary>The value of an argument that must be a constant integer, or null (reported).</summary>
        private int? ConstantInteger(InvocationExpressionSyntax invocation, ExpressionSyntax argument, string role)
        {
            var constant = _semantics.GetConstantValue(argument, _cancellationToken);
            if (constant.HasValue && constant.Value is int value)
            {
                return value;
            }
            Report(DiagnosticDescriptors.BadBlock, argument, Text(invocation), "its " + role + " '" + Text(argument) + "' is not a constant integer");
            return null;
        }

        private int CombineCall(InvocationExpressionSyntax invocation, Primitive primitive, int argument) =>
            argument >= 0 && FitsFloat(argument, invocation.ArgumentList.Arguments[0].Expression) ? Apply(primitive, argument, invocation) : -1;

        private int Apply(Primitive primitive, int operand, ExpressionSyntax syntax) =>
            operand < 0 ? -1 : _graph.Unary(primitive, operand, Text(syntax));

        private void VisitIdentifier(SyntaxToken identifier)
        {
            var name = identifier.ValueText;
            if (LowerMember(identifier) is { } member)
            {
                _results.Push(member);
            }
            else if (_properties.TryGetValue(name, out var property) && IsCellExpression(property))
            {
                var cycleStart = _lowering.IndexOf(name);
                if (cycleStart < 0)
                {
                    EnterProperty(property);
                    return;
                }
                var path = string.Join(" → ", _lowering.Skip(cycleStart).Concat(new[] { name }));
                Report(DiagnosticDescriptors.IntermediateCycle, identifier, name, path);
                _results.Push(-1);
            }
            else
            {
                if (!_misdeclared.Contains(name))
                {
                    Report(DiagnosticDescriptors.UnknownIdentifier, identifier, name);
                }
                _results.Push(-1);
            }
        }

        /// <summary>The node of a state, the input, a parameter or a constant; null for any other name.</summary>
        private int? LowerMember(SyntaxToken identifier)
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
            return _constants.TryGetValue(name, out var constant) ? _graph.Constant(constant) : null;
        }

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

        private const int MaxTextLength = 120;

        /// <summary>
        /// An expression's source on one line, for comments and messages. Long expressions are cut
        /// (from a bounded read of the source), so that a long sum costs linear time and output;
        /// every character C# reads as a line break is a separator, so the text cannot end a comment.
        /// </summary>
        private static string Text(SyntaxNode syntax)
        {
            var span = syntax.Span;
            var read = System.Math.Min(span.Length, 4 * MaxTextLength);
            var raw = syntax.SyntaxTree.GetText().ToString(new TextSpan(span.Start, read));
            var text = string.Join(" ", raw.Split(LineAndSpaceCharacters, System.StringSplitOptions.RemoveEmptyEntries));
            return read < span.Length || text.Length > MaxTextLength ? text.Substring(0, System.Math.Min(text.Length, MaxTextLength)) + " …" : text;
        }

        private static readonly char[] LineAndSpaceCharacters = { ' ', '\t', '\r', '\n', '\v', '\f', '\u0085', '\u2028', '\u2029' };
    }
}
