using Verified;
using static Verified.CellMath;

namespace Verified.Runtime.Tests.Cells;

/// <summary>
/// A user's cell, declared in a test project and compiled by the generator exactly as in a user's
/// project: two states of different fixed and named sizes, no input, a constant, a scalar with a
/// default, an intermediate that uses another state's new value, and declared initialisations.
/// </summary>
[RecurrentCell(Name = "user-oscillator")]
public partial class UserOscillator
{
    public const double Leak = 0.9;

    [State("N")] public Vec u;
    [State("N")] public Vec v;
    [Parameter("N", "N", Init = Init.Orthogonal)] public Mat A;
    [Parameter("N", Init = Init.Uniform, Low = -0.5, High = 0.5)] public Vec c;
    [Parameter] public Scalar omega = 0.3;

    public Vec drive => Softplus(A * Sin(v) + c) - Sqrt(1 + Square(u)) / 2;

    [Update(nameof(u))] public Vec uNext => Leak * u + omega * Cos(v) * drive;
    [Update(nameof(v))] public Vec vNext => Leak * v - omega * Tanh(uNext) + Exp(-Abs(u)) * 0.1;
}

/// <summary>The logistic map x ← r x (1 − x); at r = 4 its Lyapunov exponent is ln 2.</summary>
[RecurrentCell(Name = "logistic")]
public partial class LogisticMap
{
    [State(1)] public Vec x;
    [Parameter] public Scalar r = 4.0;

    [Update(nameof(x))] public Vec xNext => r * x * (1 - x);
}

/// <summary>The Hénon map (x, y) ← (1 − a x² + y, b x) at a = 1.4, b = 0.3: λ1 ≈ 0.41922, λ2 = ln b − λ1.</summary>
[RecurrentCell(Name = "henon")]
public partial class HenonMap
{
    [State(1)] public Vec x;
    [State(1)] public Vec y;
    [Parameter] public Scalar a = 1.4;
    [Parameter] public Scalar b = 0.3;

    [Update(nameof(x))] public Vec xNext => 1 - a * x * x + y;
    [Update(nameof(y))] public Vec yNext => b * x;
}

/// <summary>
/// The Lorenz system (σ = 10, ρ = 28, β = 8/3) by Euler steps of a constant time step Δt = 0.01:
/// exponents per unit time about 0.9, 0 and −14.6.
/// </summary>
[RecurrentCell(Name = "lorenz")]
public partial class Lorenz
{
    [TimeStep] public const double Dt = 0.01;

    [State(1)] public Vec x;
    [State(1)] public Vec y;
    [State(1)] public Vec z;
    [Parameter] public Scalar sigma = 10;
    [Parameter] public Scalar rho = 28;
    [Parameter] public Scalar beta = 8.0 / 3;

    [Update(nameof(x))] public Vec xNext => x + Dt * sigma * (y - x);
    [Update(nameof(y))] public Vec yNext => y + Dt * (x * (rho - z) - y);
    [Update(nameof(z))] public Vec zNext => z + Dt * (x * y - beta * z);
}

/// <summary>
/// Block in every position the emitter tells apart: of a dense intermediate, nested, as a state's
/// update, of a state at a non-zero offset (identity Jacobian), of an element-wise function of a state
/// (diagonal Jacobian), of a broadcast vector parameter and of the input; sizes fixed and multiplied.
/// </summary>
[RecurrentCell(Name = "user-blocks")]
public partial class UserBlocks
{
    [State("2*N")] public Vec h;
    [State(6)] public Vec f;
    [State("N")] public Vec m;
    [Input("2*I")] public Vec x;
    [Parameter("4*N", "2*N")] public Mat W;
    [Parameter("4*N", Init = Init.Uniform)] public Vec b;
    [Parameter("2*N", "I")] public Mat V;
    [Parameter("2*N", 2)] public Mat U;
    [Parameter(6, "N")] public Mat P;

    public Vec gates => W * Tanh(h) + b;

    [Update(nameof(h))] public Vec hNext =>
        Sigmoid(Block(gates, 0, 2)) * h + Tanh(Block(gates, 1, 2) + V * Block(x, 1, 2)) * Block(b, 1, 2) + U * Block(f, 2, 3);
    [Update(nameof(f))] public Vec fNext => Tanh(P * Block(Tanh(h), 1, 2)) + 0.5 * f;
    [Update(nameof(m))] public Vec mNext => Block(Block(gates, 1, 2), 0, 2);
}

/// <summary>Blocks of the input and of a parameter, to check by hand which elements a block is.</summary>
[RecurrentCell(Name = "block-picker")]
public partial class BlockPicker
{
    [State(2)] public Vec h;
    [Input(6)] public Vec x;
    [Parameter(6)] public Vec c;

    [Update(nameof(h))] public Vec hNext => Block(x, 2, 3) + Block(c, 1, 3);
}

/// <summary>
/// Sums in every position the reverse passes tell apart when terms share the sum's adjoint buffer:
/// terms used once (they share it), nested sums, a subtrahend used once (its adjoint is −ȳ, so it
/// must not), an intermediate used in a sum and again in a product (it must not either), and a
/// broadcast vector parameter added and subtracted (its adjoint is ±ȳ's row sums).
/// </summary>
[RecurrentCell(Name = "user-sums")]
public partial class UserSums
{
    [State("N")] public Vec h;
    [Input("I")] public Vec x;
    [Parameter("N", "N")] public Mat W;
    [Parameter("N", "N")] public Mat U;
    [Parameter("N", "I")] public Mat V;
    [Parameter("N", Init = Init.Uniform)] public Vec b;
    [Parameter("N", Init = Init.Uniform)] public Vec c;

    public Vec shared => W * Tanh(h);

    [Update(nameof(h))] public Vec hNext => Tanh(V * x + 0.5 * shared + shared + b - U * Sin(h) - c);
}

/// <summary>
/// The Lorenz system of <see cref="Lorenz"/> by Euler steps of Δt = 0.001: the Euler map's covariant
/// vector of the zero exponent leans off the vector field by O(Δt) (about 6° at Δt = 0.01), so a check
/// of the flow's geometry needs the finer step.
/// </summary>
[RecurrentCell(Name = "lorenz-fine")]
public partial class LorenzFine
{
    [TimeStep] public const double Dt = 0.001;

    [State(1)] public Vec x;
    [State(1)] public Vec y;
    [State(1)] public Vec z;
    [Parameter] public Scalar sigma = 10;
    [Parameter] public Scalar rho = 28;
    [Parameter] public Scalar beta = 8.0 / 3;

    [Update(nameof(x))] public Vec xNext => x + Dt * sigma * (y - x);
    [Update(nameof(y))] public Vec yNext => y + Dt * (x * (rho - z) - y);
    [Update(nameof(z))] public Vec zNext => z + Dt * (x * y - beta * z);
}
