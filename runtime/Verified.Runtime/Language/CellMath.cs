namespace Verified;

/// <summary>
/// The element-wise functions of the cell language. Each has a Vec and a Scalar overload; the
/// generator knows their values and derivatives (generators/.../Differentiation/PrimitiveRules.cs).
/// </summary>
public static class CellMath
{
    public static Vec Tanh(Vec x) => Declaration.Only<Vec>();
    public static Vec Sigmoid(Vec x) => Declaration.Only<Vec>();
    public static Vec Relu(Vec x) => Declaration.Only<Vec>();
    public static Vec Exp(Vec x) => Declaration.Only<Vec>();
    public static Vec Log(Vec x) => Declaration.Only<Vec>();
    public static Vec Sin(Vec x) => Declaration.Only<Vec>();
    public static Vec Cos(Vec x) => Declaration.Only<Vec>();
    public static Vec Softplus(Vec x) => Declaration.Only<Vec>();
    public static Vec Square(Vec x) => Declaration.Only<Vec>();
    public static Vec Sqrt(Vec x) => Declaration.Only<Vec>();
    public static Vec Abs(Vec x) => Declaration.Only<Vec>();

    public static Scalar Tanh(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Sigmoid(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Relu(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Exp(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Log(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Sin(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Cos(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Softplus(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Square(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Sqrt(Scalar x) => Declaration.Only<Scalar>();
    public static Scalar Abs(Scalar x) => Declaration.Only<Scalar>();
}
