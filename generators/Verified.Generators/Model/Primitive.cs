namespace Verified.Generators.Model;

/// <summary>The element-wise primitives of the cell language.</summary>
internal enum Primitive
{
    None,
    // unary
    Negate, Tanh, Sigmoid, Relu, Exp, Log, Sin, Cos, Softplus, Square, Sqrt, Abs,
    // binary
    Add, Subtract, Multiply, Divide,
}
