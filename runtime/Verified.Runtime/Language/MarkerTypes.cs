namespace Verified;

// The marker types exist so that a cell declaration type-checks as ordinary C#. Their operators are
// never executed: the generator reads the declaration's syntax and emits the numerical kernels.

/// <summary>A vector in a cell declaration. <c>Vec * Vec</c> is element-wise.</summary>
public sealed class Vec
{
    private Vec() { }
    /// <summary>The sum, element-wise.</summary>
    public static Vec operator +(Vec a, Vec b) => Declaration.Only<Vec>();
    /// <summary>The difference, element-wise.</summary>
    public static Vec operator -(Vec a, Vec b) => Declaration.Only<Vec>();
    /// <summary>The product, element-wise.</summary>
    public static Vec operator *(Vec a, Vec b) => Declaration.Only<Vec>();
    /// <summary>The quotient, element-wise.</summary>
    public static Vec operator /(Vec a, Vec b) => Declaration.Only<Vec>();
    /// <summary>Negation.</summary>
    public static Vec operator -(Vec a) => Declaration.Only<Vec>();
    /// <summary>Unary plus: the operand itself.</summary>
    public static Vec operator +(Vec a) => Declaration.Only<Vec>();
    /// <summary>The sum, the scalar broadcast over the vector.</summary>
    public static Vec operator +(Vec a, Scalar b) => Declaration.Only<Vec>();
    /// <summary>The difference, the scalar broadcast over the vector.</summary>
    public static Vec operator -(Vec a, Scalar b) => Declaration.Only<Vec>();
    /// <summary>The product, the scalar broadcast over the vector.</summary>
    public static Vec operator *(Vec a, Scalar b) => Declaration.Only<Vec>();
    /// <summary>The quotient, the scalar broadcast over the vector.</summary>
    public static Vec operator /(Vec a, Scalar b) => Declaration.Only<Vec>();
    /// <summary>The sum, the scalar broadcast over the vector.</summary>
    public static Vec operator +(Scalar a, Vec b) => Declaration.Only<Vec>();
    /// <summary>The difference, the scalar broadcast over the vector.</summary>
    public static Vec operator -(Scalar a, Vec b) => Declaration.Only<Vec>();
    /// <summary>The product, the scalar broadcast over the vector.</summary>
    public static Vec operator *(Scalar a, Vec b) => Declaration.Only<Vec>();
    /// <summary>The quotient, the scalar broadcast over the vector.</summary>
    public static Vec operator /(Scalar a, Vec b) => Declaration.Only<Vec>();
}

/// <summary>A matrix parameter in a cell declaration. <c>Mat * Vec</c> is a matrix-vector product.</summary>
public sealed class Mat
{
    private Mat() { }
    /// <summary>The matrix–vector product.</summary>
    public static Vec operator *(Mat a, Vec b) => Declaration.Only<Vec>();
}

/// <summary>A scalar in a cell declaration; doubles and ints convert to it and broadcast over vectors.</summary>
public sealed class Scalar
{
    private Scalar() { }
    /// <summary>A numeric constant in an expression.</summary>
    public static implicit operator Scalar(double value) => Declaration.Only<Scalar>();
    /// <summary>The sum of two scalars.</summary>
    public static Scalar operator +(Scalar a, Scalar b) => Declaration.Only<Scalar>();
    /// <summary>The difference of two scalars.</summary>
    public static Scalar operator -(Scalar a, Scalar b) => Declaration.Only<Scalar>();
    /// <summary>The product of two scalars.</summary>
    public static Scalar operator *(Scalar a, Scalar b) => Declaration.Only<Scalar>();
    /// <summary>The quotient of two scalars.</summary>
    public static Scalar operator /(Scalar a, Scalar b) => Declaration.Only<Scalar>();
    /// <summary>Negation.</summary>
    public static Scalar operator -(Scalar a) => Declaration.Only<Scalar>();
    /// <summary>Unary plus: the operand itself.</summary>
    public static Scalar operator +(Scalar a) => Declaration.Only<Scalar>();
}

internal static class Declaration
{
    public static T Only<T>() => throw new NotSupportedException(
        "Cell declarations are not evaluated: the Verified generator compiles them into kernels. Use the generated Spec.");
}
