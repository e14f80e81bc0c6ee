using Verified.Dense;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Checks;

/// <summary>docs/design.md's identities of the Lyapunov spectrum, each on a real run.</summary>
public static class SpectrumIdentityChecks
{
    /// <summary>Σλ_i over all n exponents equals the time average of log|det D_s| of the same run (relative 1e-9).</summary>
    public static CheckResult SumEqualsMeanLogDet(CellSpec spec, double gain, int n = 10, int steps = 400, ulong seed = 5)
    {
        var layout = spec.Layout(CellDimensions.Of(n, 2));
        var theta = ParameterInitialiser.Create(layout, gain, new Rng(seed));
        var result = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = layout.StateSize, Steps = steps, Transient = 50, QTransient = 50, Input = InputKind.Gaussian, Seed = seed + 1,
        });
        return new CheckResult($"Σλ = mean log|det D| ({spec.Name}, g={gain})", Compare.RelativeError(result.SumExponents, result.MeanLogAbsDet!.Value), 1e-9);
    }

    /// <summary>
    /// The linear cell h ← A h + B x with A = P blockdiag(0.9, 0.5·rot(1), 0.2) Pᵀ (P orthogonal) has exponents
    /// log|μ_i| = log 0.9, log 0.5, log 0.5, log 0.2; the check is the largest absolute difference (≤ 1e-3).
    /// </summary>
    public static (CheckResult Check, double[] Exponents, double[] Expected) LinearCellEigenvalues(int steps = 20000)
    {
        var layout = BuiltInCells.Find("linear")!.Layout(CellDimensions.Of(4, 1));
        var theta = new double[layout.ParameterCount];
        var block = new double[16];
        block[0] = 0.9;
        block[1 * 4 + 1] = 0.5 * Math.Cos(1.0);
        block[1 * 4 + 2] = -0.5 * Math.Sin(1.0);
        block[2 * 4 + 1] = 0.5 * Math.Sin(1.0);
        block[2 * 4 + 2] = 0.5 * Math.Cos(1.0);
        block[3 * 4 + 3] = 0.2;
        var p = new double[16];
        var gaussian = new double[16];
        new Rng(9).FillGaussian(gaussian);
        new HouseholderQr<double>(4, 4).Factor(gaussian, p, new double[16]);
        var temp = new double[16];
        Gemm.Multiply<double>(p, block, temp, 4, 4, 4, false);
        Gemm.MultiplyTransposedB<double>(temp, p, theta.AsSpan(layout.Parameter("A").Offset, 16), 4, 4, 4, false);

        var result = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions { K = 4, Steps = steps, Transient = 10, QTransient = 200, Seed = 2 });
        double[] expected = [Math.Log(0.9), Math.Log(0.5), Math.Log(0.5), Math.Log(0.2)];
        var worst = result.Exponents.Zip(expected, (actual, wanted) => Math.Abs(actual - wanted)).Max();
        return (new CheckResult("linear cell: λ_i = log|μ_i| (max abs. error)", worst, 1e-3), result.Exponents, expected);
    }

    /// <summary>
    /// λ1 of the Hénon map at a = 1.4, b = 0.3 (Sprott, Chaos and Time-Series Analysis, 2003, Table A.1: 0.41922);
    /// λ2 = ln b − λ1, since |det D| = b at every step.
    /// </summary>
    public const double HenonLambda1 = 0.41922;

    /// <summary>The Hénon map's spectrum (k = 2, from (0.1, 0.1), both exponents), whose individual values and order the check below compares.</summary>
    public static SpectrumResult HenonSpectrum(CellSpec henon, int steps = 1000000)
    {
        var layout = henon.Layout(CellDimensions.Of(1));
        var theta = ParameterInitialiser.Create(layout, 1.0, new Rng(1));
        return LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = 2, Steps = steps, Transient = 1000, QTransient = 100, InitialState = [0.1, 0.1],
        });
    }

    /// <summary>
    /// The Hénon map's exponents, descending, each against its known value: the largest absolute error (≤ 1e-3; over
    /// 10⁶ steps the estimate of λ1 moves by about 1e-4 between starts and lengths: 0.41934 at 10⁶ and 0.41930 at 3·10⁶ steps from (0.1, 0.1)).
    /// Σλ = ln b cannot see an error that moves one exponent and not the other, or a swapped order; this can.
    /// </summary>
    public static CheckResult HenonMap(IReadOnlyList<double> exponents)
    {
        double[] expected = [HenonLambda1, Math.Log(0.3) - HenonLambda1];
        var worst = exponents.Count == 2 ? exponents.Zip(expected, (actual, wanted) => Math.Abs(actual - wanted)).Max() : double.NaN;
        return new CheckResult("Hénon map at a = 1.4, b = 0.3: λ1 = 0.41922, λ2 = ln 0.3 − λ1 (max abs. error)", worst, 1e-3);
    }

    /// <summary>The logistic map x ← 4x(1 − x) (a cell with one state and a parameter r) has λ = ln 2; absolute error ≤ 2e-3.</summary>
    public static CheckResult LogisticMap(CellSpec logistic, int steps = 200000)
    {
        var layout = logistic.Layout(CellDimensions.Of(1));
        var result = LyapunovSpectrum.Compute(layout, [4.0], new SpectrumOptions
        {
            K = 1, Steps = steps, Transient = 100, QTransient = 0, InitialState = [0.3141592653589793],
        });
        return new CheckResult("logistic map at r = 4: λ = ln 2 (abs. error)", Math.Abs(result.Exponents[0] - Math.Log(2)), 2e-3);
    }
}
