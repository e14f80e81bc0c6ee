using System;
using System.Globalization;

namespace Verified.Generators.Differentiation;

/// <summary>
/// A scalar formula over the variables X (operand), A and B (operands of a binary primitive) and
/// Y (the primitive's output). The smart constructors fold constants, so that a derivative of 1
/// disappears from a product and a derivative of 0 removes its whole term.
/// </summary>
internal abstract class ScalarExpr
{
    public static readonly ScalarExpr Zero = new ConstantExpr(0);
    public static readonly ScalarExpr One = new ConstantExpr(1);
    public static readonly ScalarExpr X = new VariableExpr(Variable.X);
    public static readonly ScalarExpr A = new VariableExpr(Variable.A);
    public static readonly ScalarExpr B = new VariableExpr(Variable.B);
    public static readonly ScalarExpr Y = new VariableExpr(Variable.Y);

    public bool IsZero => this is ConstantExpr { Value: 0 };
    public bool IsOne => this is ConstantExpr { Value: 1 };

    public static ScalarExpr Const(double value) => new ConstantExpr(value);

    /// <summary>A function of the element type: T.Tanh(x), T.Max(x, y).</summary>
    public static ScalarExpr Call(string function, params ScalarExpr[] arguments) => new CallExpr("T." + function, arguments);

    /// <summary>A helper of Verified.CellKernels&lt;T&gt; where T has no function of that meaning (Sign, as a T rather than an int).</summary>
    public static ScalarExpr Helper(string function, params ScalarExpr[] arguments) => new CallExpr(function, arguments);

    public static ScalarExpr operator +(ScalarExpr a, ScalarExpr b) =>
        a.IsZero ? b : b.IsZero ? a : Fold(a, b, (x, y) => x + y) ?? new BinaryExpr('+', a, b);

    public static ScalarExpr operator -(ScalarExpr a, ScalarExpr b) =>
        b.IsZero ? a : a.IsZero ? -b : Fold(a, b, (x, y) => x - y) ?? new BinaryExpr('-', a, b);

    public static ScalarExpr operator *(ScalarExpr a, ScalarExpr b) =>
        a.IsZero || b.IsZero ? Zero : a.IsOne ? b : b.IsOne ? a : Fold(a, b, (x, y) => x * y) ?? new BinaryExpr('*', a, b);

    public static ScalarExpr operator /(ScalarExpr a, ScalarExpr b) =>
        a.IsZero ? Zero : b.IsOne ? a : Fold(a, b, (x, y) => x / y) ?? new BinaryExpr('/', a, b);

    public static ScalarExpr operator -(ScalarExpr a) => a switch
    {
        ConstantExpr c => Const(-c.Value),
        NegateExpr n => n.Operand,
        _ => new NegateExpr(a),
    };

    /// <summary>Whether the formula reads <paramref name="variable"/>.</summary>
    public abstract bool Uses(Variable variable);

    /// <summary>Renders C# source for the kernels' element type T.</summary>
    public abstract string Render(Func<Variable, string> variables);

    private static ScalarExpr? Fold(ScalarExpr a, ScalarExpr b, Func<double, double, double> op) =>
        a is ConstantExpr x && b is ConstantExpr y ? Const(op(x.Value, y.Value)) : null;

    /// <summary>A constant as a double literal, as the cell's spec holds it.</summary>
    public static string DoubleLiteral(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }

    /// <summary>
    /// A constant of the element type T: T.Zero, T.One and T.NegativeOne by name, any other through
    /// CellKernels&lt;T&gt;.Literal, which holds its double and its float literal so that each type reads the
    /// decimal text directly (a float constant rounded once, not through a double). The float
    /// literal is valid because VRF0016 keeps a cell's constants within the float range.
    /// </summary>
    public static string Literal(double value)
    {
        if (BitConverter.DoubleToInt64Bits(value) == 0)
        {
            return "T.Zero";
        }
        if (value is 1 or -1)
        {
            return value > 0 ? "T.One" : "T.NegativeOne";
        }
        return "Literal(" + DoubleLiteral(value) + ", " + value.ToString("R", CultureInfo.InvariantCulture) + "f)";
    }

    private sealed class ConstantExpr(double value) : ScalarExpr
    {
        public double Value { get; } = value;
        public override bool Uses(Variable variable) => false;
        public override string Render(Func<Variable, string> variables) => Literal(Value);
    }

    private sealed class VariableExpr(Variable variable) : ScalarExpr
    {
        public override bool Uses(Variable other) => other == variable;
        public override string Render(Func<Variable, string> variables) => variables(variable);
    }

    private sealed class NegateExpr(ScalarExpr operand) : ScalarExpr
    {
        public ScalarExpr Operand { get; } = operand;
        public override bool Uses(Variable variable) => Operand.Uses(variable);
        public override string Render(Func<Variable, string> variables) => "(-" + Operand.Render(variables) + ")";
    }

    private sealed class BinaryExpr(char op, ScalarExpr left, ScalarExpr right) : ScalarExpr
    {
        public override bool Uses(Variable variable) => left.Uses(variable) || right.Uses(variable);
        public override string Render(Func<Variable, string> variables) =>
            "(" + left.Render(variables) + " " + op + " " + right.Render(variables) + ")";
    }

    private sealed class CallExpr(string function, ScalarExpr[] arguments) : ScalarExpr
    {
        public override bool Uses(Variable variable) => System.Array.Exists(arguments, argument => argument.Uses(variable));
        public override string Render(Func<Variable, string> variables)
        {
            var rendered = new string[arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                rendered[i] = arguments[i].Render(variables);
            }
            return function + "(" + string.Join(", ", rendered) + ")";
        }
    }
}

internal enum Variable { X, A, B, Y }
