namespace Verified;

/// <summary>
/// The functions of the cell language: element-wise functions, each with a Vec and a Scalar overload,
/// whose values and derivatives the generator knows (generators/.../Differentiation/PrimitiveRules.cs),
/// and <see cref="Block"/>.
/// </summary>
public static class CellMath
{
    /// <summary>
    /// The <paramref name="index"/>-th of <paramref name="count"/> equal blocks of <paramref name="x"/>:
    /// elements index·m to (index + 1)·m − 1, m = |x| / count. Index and count are constant integers,
    /// and count divides |x| (declare the size as a multiple, "4*N"): the gates of stacked weights,
    /// Block(gates, 2, 4) the third of four.
    /// </summary>
    public static Vec Block(Vec x, int index, int count) => Declaration.Only<Vec>();

    /// <summary>tanh x, element-wise.</summary>
    public static Vec Tanh(Vec x) => Declaration.Only<Vec>();
    /// <summary>σ(x) = 1/(1 + e^−x), element-wise.</summary>
    public static Vec Sigmoid(Vec x) => Declaration.Only<Vec>();
    /// <summary>max(x, 0), element-wise.</summary>
    public static Vec Relu(Vec x) => Declaration.Only<Vec>();
    /// <summary>eˣ, element-wise.</summary>
    public static Vec Exp(Vec x) => Declaration.Only<Vec>();
    /// <summary>ln x, element-wise.</summary>
    public static Vec Log(Vec x) => Declaration.Only<Vec>();
    /// <summary>sin x, element-wise.</summary>
    public static Vec Sin(Vec x) => Declaration.Only<Vec>();
    /// <summary>cos x, element-wise.</summary>
    public static Vec Cos(Vec x) => Declaration.Only<Vec>();
    /// <summary>ln(1 + eˣ), element-wise.</summary>
    public static Vec Softplus(Vec x) => Declaration.Only<Vec>();
    /// <summary>x², element-wise.</summary>
    public static Vec Square(Vec x) => Declaration.Only<Vec>();
    /// <summary>√x, element-wise.</summary>
    public static Vec Sqrt(Vec x) => Declaration.Only<Vec>();
    /// <summary>|x|, element-wise.</summary>
    public static Vec Abs(Vec x) => Declaration.Only<Vec>();

    /// <summary>tanh x.</summary>
    public static Scalar Tanh(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>σ(x) = 1/(1 + e^−x).</summary>
    public static Scalar Sigmoid(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>max(x, 0).</summary>
    public static Scalar Relu(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>eˣ.</summary>
    public static Scalar Exp(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>ln x.</summary>
    public static Scalar Log(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>sin x.</summary>
    public static Scalar Sin(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>cos x.</summary>
    public static Scalar Cos(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>ln(1 + eˣ).</summary>
    public static Scalar Softplus(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>x².</summary>
    public static Scalar Square(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>√x.</summary>
    public static Scalar Sqrt(Scalar x) => Declaration.Only<Scalar>();
    /// <summary>|x|.</summary>
    public static Scalar Abs(Scalar x) => Declaration.Only<Scalar>();
}
