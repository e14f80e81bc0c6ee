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

    public static ScalarExpr Call(string function, params ScalarExpr[] arguments) => new CallExpr(function, arguments);

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

    /// <summary>Renders C# source for element type <paramref name="type"/> ("double" or "float").</summary>
    public abstract string Render(Func<Variable, string> variables, string type);

    private static ScalarExpr? Fold(ScalarExpr a, ScalarExpr b, Func<double, double, double> op) =>
        a is ConstantExpr x && b is ConstantExpr y ? Const(op(x.Value, y.Value)) : null;

    public static string Literal(double value, string type)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (type == "float")
        {
            return text + "f";
        }
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }

    private sealed class ConstantExpr(double value) : ScalarExpr
    {
        public double Value { get; } = value;
        public override bool Uses(Variable variable) => false;
        public override string Render(Func<Variable, string> variables, string type) =>
            Value < 0 ? "(" + Literal(Value, type) + ")" : Literal(Value, type);
    }

    private sealed class VariableExpr(Variable variable) : ScalarExpr
    {
        public override bool Uses(Variable other) => other == variable;
        public override string Render(Func<Variable, string> variables, string type) => variables(variable);
    }

    private sealed class NegateExpr(ScalarExpr operand) : ScalarExpr
    {
        public ScalarExpr Operand { get; } = operand;
        public override bool Uses(Variable variable) => Operand.Uses(variable);
        public override string Render(Func<Variable, string> variables, string type) => "(-" + Operand.Render(variables, type) + ")";
    }

    private sealed class BinaryExpr(char op, ScalarExpr left, ScalarExpr right) : ScalarExpr
    {
        public override bool Uses(Variable variable) => left.Uses(variable) || right.Uses(variable);
        public override string Render(Func<Variable, string> variables, string type) =>
            "(" + left.Render(variables, type) + " " + op + " " + right.Render(variables, type) + ")";
    }

    private sealed class CallExpr(string function, ScalarExpr[] arguments) : ScalarExpr
    {
        public override bool Uses(Variable variable) => System.Array.Exists(arguments, argument => argument.Uses(variable));
        public override string Render(Func<Variable, string> variables, string type)
        {
            var rendered = new string[arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                rendered[i] = arguments[i].Render(variables, type);
            }
            return type + "." + function + "(" + string.Join(", ", rendered) + ")";
        }
    }
}

internal enum Variable { X, A, B, Y }
