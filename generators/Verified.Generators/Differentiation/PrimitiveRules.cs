using System.Collections.Generic;
using System.Linq;
using Verified.Generators.Model;
using static Verified.Generators.Differentiation.ScalarExpr;

namespace Verified.Generators.Differentiation;

/// <summary>
/// The one place that states each primitive's value and its first and second derivatives, in the
/// manner of ChainRules.jl's <c>@scalar_rule</c>: derivatives are written in terms of the output Y
/// wherever that is cheaper (tanh' = 1 − y², σ' = y(1 − y)). The emitter composes these rules and
/// never special-cases a cell.
/// </summary>
internal static class PrimitiveRules
{
    /// <summary>y = f(x) with f' and f'' as formulas in X and Y.</summary>
    public sealed record Unary(ScalarExpr Value, ScalarExpr First, ScalarExpr Second);

    /// <summary>y = f(a, b) with ∂y/∂a, ∂y/∂b and the Hessian entries, as formulas in A, B and Y.</summary>
    public sealed record Binary(ScalarExpr Value, ScalarExpr DA, ScalarExpr DB, ScalarExpr DAA, ScalarExpr DAB, ScalarExpr DBB);

    private static readonly ScalarExpr Two = Const(2);

    private static readonly Dictionary<Primitive, Unary> UnaryRules = new()
    {
        [Primitive.Negate] = new(-X, Const(-1), Zero),
        // tanh' = 1 − y², tanh'' = −2y(1 − y²)
        [Primitive.Tanh] = new(Call("Tanh", X), One - Y * Y, -Two * Y * (One - Y * Y)),
        // σ' = y(1 − y), σ'' = y(1 − y)(1 − 2y)
        [Primitive.Sigmoid] = new(One / (One + Call("Exp", -X)), Y * (One - Y), Y * (One - Y) * (One - Two * Y)),
        // relu' = step(x); relu'' = 0 away from the kink
        [Primitive.Relu] = new(Call("Max", X, Zero), Helper("Sign", Y), Zero),
        [Primitive.Exp] = new(Call("Exp", X), Y, Y),
        [Primitive.Log] = new(Call("Log", X), One / X, -One / (X * X)),
        [Primitive.Sin] = new(Call("Sin", X), Call("Cos", X), -Y),
        [Primitive.Cos] = new(Call("Cos", X), -Call("Sin", X), -Y),
        // softplus = max(x, 0) + log(1 + e^{−|x|}) (stable); softplus' = σ(x) = 1 − e^{−y}; softplus'' = σ(1 − σ)
        [Primitive.Softplus] = new(
            Call("Max", X, Zero) + Call("LogP1", Call("Exp", -Call("Abs", X))),
            One - Call("Exp", -Y),
            (One - Call("Exp", -Y)) * Call("Exp", -Y)),
        [Primitive.Square] = new(X * X, Two * X, Two),
        // sqrt' = 1/(2y), sqrt'' = −1/(4y³)
        [Primitive.Sqrt] = new(Call("Sqrt", X), One / (Two * Y), -One / (Const(4) * Y * Y * Y)),
        [Primitive.Abs] = new(Call("Abs", X), Helper("Sign", X), Zero),
    };

    private static readonly Dictionary<Primitive, Binary> BinaryRules = new()
    {
        [Primitive.Add] = new(A + B, One, One, Zero, Zero, Zero),
        [Primitive.Subtract] = new(A - B, One, Const(-1), Zero, Zero, Zero),
        [Primitive.Multiply] = new(A * B, B, A, Zero, One, Zero),
        // y = a/b: ∂a = 1/b, ∂b = −y/b, ∂aa = 0, ∂ab = −1/b², ∂bb = 2y/b²
        [Primitive.Divide] = new(A / B, One / B, -Y / B, Zero, -One / (B * B), Two * Y / (B * B)),
    };

    /// <summary>The cell language's function names and the primitive each one denotes.</summary>
    public static readonly IReadOnlyDictionary<string, Primitive> Functions = new Dictionary<string, Primitive>
    {
        ["Tanh"] = Primitive.Tanh,
        ["Sigmoid"] = Primitive.Sigmoid,
        ["Relu"] = Primitive.Relu,
        ["Exp"] = Primitive.Exp,
        ["Log"] = Primitive.Log,
        ["Sin"] = Primitive.Sin,
        ["Cos"] = Primitive.Cos,
        ["Softplus"] = Primitive.Softplus,
        ["Square"] = Primitive.Square,
        ["Sqrt"] = Primitive.Sqrt,
        ["Abs"] = Primitive.Abs,
    };

    /// <summary>
    /// Block(v, j, G): block j of G equal blocks of v. It is linear and not element-wise, so its rules
    /// are structural and live in the emitter beside Mat·Vec's: forward and tangent copy the block,
    /// the Jacobian is the block's rows of the operand's, and the pullback adds the cotangent into the block.
    /// </summary>
    public const string Block = "Block";

    public static string FunctionList => string.Join(", ", Functions.Keys.Append(Block).OrderBy(name => name, System.StringComparer.Ordinal));

    /// <summary>
    /// The whole-buffer routine of Verified.Dense.ElementWise that computes the primitive's value,
    /// or null where the primitive is evaluated element by element.
    /// </summary>
    public static string? VectorRoutine(Primitive primitive) => primitive switch
    {
        Primitive.Softplus => null,
        Primitive.None => null,
        _ => primitive.ToString(),
    };

    /// <summary>The whole-buffer pullback x̄ += f'(x) ⊙ ȳ of Verified.Dense.ElementWise for a unary primitive, in terms of y; null where none.</summary>
    public static string? VectorPullback(Primitive primitive) => primitive switch
    {
        Primitive.Tanh => "TanhPullback",
        Primitive.Sigmoid => "SigmoidPullback",
        _ => null,
    };

    public static Unary ForUnary(Primitive primitive) => UnaryRules[primitive];

    public static Binary ForBinary(Primitive primitive) => BinaryRules[primitive];

    public static bool IsBinary(Primitive primitive) => BinaryRules.ContainsKey(primitive);
}
