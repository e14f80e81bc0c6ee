using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.Generators;

public sealed partial class CellGenerator
{
    /// <summary>
    /// The deepest nesting of a cell expression: every operand, argument and parenthesis is a level
    /// deeper than its expression, except the left operand of a binary operator, which continues its
    /// level, so that a long sum a + b + c + … is one level deep. C# itself compiles nesting only to
    /// a few thousand levels, and less on small thread stacks.
    /// </summary>
    public const int MaxExpressionDepth = 1000;

    /// <summary>
    /// The most operations (operators and function calls) in a cell's expressions. Each can be a
    /// node of the graph, and the generated code grows by about 8 kB per node, which C# compiles in
    /// some tens of milliseconds.
    /// </summary>
    public const int MaxExpressionOperations = 2500;

    /// <summary>
    /// The largest fixed size ([State(3)], [Parameter(3, "N")]) and fixed part of the state size:
    /// 2^15, so that the product of two sizes, a matrix or the Jacobian, fits an int and a .NET array.
    /// </summary>
    public const int MaxFixedSize = 1 << 15;

    private sealed partial class Parser
    {
        /// <summary>
        /// Whether the cell's expressions are within <see cref="MaxExpressionDepth"/> and
        /// <see cref="MaxExpressionOperations"/>, checked on the syntax with an explicit stack before
        /// anything is lowered; the first bound crossed is reported where it is crossed.
        /// </summary>
        private bool ExpressionsWithinBounds(IEnumerable<PropertyDeclarationSyntax> properties)
        {
            var operations = 0;
            var pending = new Stack<(SyntaxNode Node, int Depth)>();
            foreach (var property in properties)
            {
                var body = property.ExpressionBody!.Expression;
                pending.Push((body, 1));
                while (pending.Count > 0)
                {
                    var (node, depth) = pending.Pop();
                    if (node is ExpressionSyntax expression)
                    {
                        if (depth > MaxExpressionDepth)
                        {
                            Report(DiagnosticDescriptors.ExpressionTooLarge, expression,
                                "'" + property.Identifier.ValueText + "' nests more than " + Count(MaxExpressionDepth) + " levels deep here");
                            return false;
                        }
                        if (IsOperation(expression) && ++operations > MaxExpressionOperations)
                        {
                            Report(DiagnosticDescriptors.ExpressionTooLarge, body,
                                "with '" + property.Identifier.ValueText + "' the cell's expressions have more than " + Count(MaxExpressionOperations) + " operators and calls");
                            return false;
                        }
                    }
                    foreach (var child in node.ChildNodes())
                    {
                        var continuesLevel = child is not ExpressionSyntax || node is BinaryExpressionSyntax binary && binary.Left == child;
                        pending.Push((child, continuesLevel ? depth : depth + 1));
                    }
                }
            }
            return true;
        }

        private static bool IsOperation(ExpressionSyntax expression) =>
            expression is not (LiteralExpressionSyntax or SimpleNameSyntax or ParenthesizedExpressionSyntax or MemberAccessExpressionSyntax or ThisExpressionSyntax);

        private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
