using Verified.Checks;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Testing;

/// <summary>
/// The settings of a <see cref="CellFingerprint"/>: the network's sizes, gain and seed, how many exponents it holds and
/// how many significant digits it keeps. The defaults keep a fingerprint under a second for small cells; a fingerprint
/// at other options is snapshotted under a name of its own (<see cref="CellAssert.MatchesFingerprint"/>).
/// </summary>
public sealed record FingerprintOptions
{
    /// <summary>Hidden size N (default 8).</summary>
    public int N { get; init; } = 8;

    /// <summary>Input size I (default 2; unused by a cell without input).</summary>
    public int InputSize { get; init; } = 2;

    /// <summary>
    /// The gain g of the parameters' initialisation (default 0.8): contracting, so that rounding differences between
    /// machines and vector paths do not grow along the trajectory.
    /// </summary>
    public double Gain { get; init; } = 0.8;

    /// <summary>Exponents in the fingerprint (default 3, at most n).</summary>
    public int K { get; init; } = 3;

    /// <summary>Seed of the parameters, the state, the input and the flossing horizon (default 1).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Significant digits kept of every number (default 6). A number is compared as rounded text, so keep this well below
    /// the 15–16 digits of a double: the AVX-512 and 256-bit paths agree to about 12.
    /// </summary>
    public int Digits { get; init; } = 6;
}

/// <summary>
/// A cell's numerical fingerprint at a fixed seed: its layout, one forward step, the Jacobian, the
/// first k Lyapunov exponents and the flossing loss and gradient over a short horizon, each rounded
/// to <see cref="FingerprintOptions.Digits"/> significant digits. A change to the generator, the
/// kernels or the cell that moves any of these numbers changes the fingerprint.
/// </summary>
/// <param name="Cell">The cell's name.</param>
/// <param name="StateSize">n.</param>
/// <param name="InputSize">I.</param>
/// <param name="Parameters">Each parameter as "W[8×8]".</param>
/// <param name="StepSample">The first four elements of one forward step.</param>
/// <param name="JacobianFrobenius">‖D‖_F of that step's Jacobian.</param>
/// <param name="Exponents">λ1…λk over 500 steps.</param>
/// <param name="FlossingLoss">The flossing loss Σλᵢ² over a 60-step horizon.</param>
/// <param name="FlossingGradientNorm">The norm of its exact gradient.</param>
public sealed record CellFingerprint(
    string Cell, int StateSize, int InputSize, string[] Parameters,
    string[] StepSample, string JacobianFrobenius, string[] Exponents, string FlossingLoss, string FlossingGradientNorm)
{
    /// <summary>The fingerprint of <paramref name="spec"/>'s cell at <paramref name="options"/> (defaults when null).</summary>
    public static CellFingerprint Of(CellSpec spec, FingerprintOptions? options = null)
    {
        options ??= new FingerprintOptions();
        var digits = options.Digits;
        var layout = spec.Layout(CellDimensions.Of(options.N, options.InputSize));
        var kernels = spec.CreateKernels<double>(layout);
        var rng = new Rng(options.Seed);
        var theta = ParameterInitialiser.Create(layout, options.Gain, rng);
        var n = layout.StateSize;
        var h = new double[n];
        var x = new double[layout.InputSize];
        rng.FillGaussian(h);
        rng.FillGaussian(x);
        var next = new double[n];
        kernels.Step(theta, h, x, next);
        var jacobian = new double[n * n];
        kernels.Jacobian(theta, h, x, jacobian);

        var k = Math.Min(options.K, n);
        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = k, Steps = 500, Transient = 50, QTransient = 50, Input = InputKind.Gaussian, Seed = options.Seed, TrackLogDet = false,
        });
        var (loss, gradient) = FlossingLossAndGradient(layout, theta, k, options.Seed);

        return new CellFingerprint(
            spec.Name, n, layout.InputSize, [.. layout.Parameters.Select(parameter => $"{parameter.Name}[{parameter.Rows}×{parameter.Columns}]")],
            Rounding.Significant(next.Take(4), digits),
            Rounding.Significant(Math.Sqrt(jacobian.Sum(value => value * value)), digits),
            Rounding.Significant(spectrum.Exponents, digits),
            Rounding.Significant(loss, digits),
            Rounding.Significant(Math.Sqrt(gradient.Sum(value => value * value)), digits));
    }

    /// <summary>The flossing loss and its exact gradient over a 60-step horizon from a seeded state, basis and input.</summary>
    private static (double Loss, double[] Gradient) FlossingLossAndGradient(CellLayout layout, double[] theta, int k, ulong seed)
    {
        const int steps = 60;
        var (h0, q0, inputs) = FlossingStart.Random(layout, k, steps, Rng.ForStream(seed, "fingerprint-flossing"));
        var gradient = new double[theta.Length];
        var (loss, _) = new FlossingProblem<double>(layout, new FlossingHorizon(k, steps, 10, 1, 0)).LossAndGradient(theta, h0, q0, inputs, gradient);
        return (loss, gradient);
    }
}
