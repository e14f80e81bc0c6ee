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
