using Verified.Flossing;
using Verified.Initialisation;
using Verified.Randomness;

namespace Verified.Checks;

/// <summary>
/// The whole flossing gradient (docs/design.md's reverse pass through Step, Tangent, QR and their
/// pullbacks) against central differences of the loss Σ_{i≤k}(λ_i − λ*)² at a random point.
/// </summary>
public static class FlossingGradientCheck
{
    /// <summary>Checks the flossing gradient of <paramref name="spec"/>'s cell at input size 2.</summary>
    /// <param name="spec">The cell.</param>
    /// <param name="n">Hidden size N.</param>
    /// <param name="k">Flossed exponents.</param>
    /// <param name="steps">The horizon T_f.</param>
    /// <param name="transient">Uncounted steps at the start of the horizon.</param>
    /// <param name="orthonormaliseEvery">Steps between re-orthonormalisations.</param>
    /// <param name="tolerance">The largest relative error that passes.</param>
    /// <param name="seed">Seed of the point, h_0, Q_0 and the inputs.</param>
    /// <param name="kernels">The kernels of the gradient (the loss's finite differences always use the generated ones); null for the generated ones.</param>
    public static CheckResult Run(CellSpec spec, int n = 8, int k = 3, int steps = 30, int transient = 5, int orthonormaliseEvery = 1, double tolerance = 1e-6, ulong seed = 11,
        CellKernels<double>? kernels = null)
    {
        var layout = spec.Layout(CellDimensions.Of(n, 2));
        var rng = new Rng(seed);
        var theta = ParameterInitialiser.Create(layout, gain: 1.5, rng);
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.05 * rng.NextGaussian();
        }
        var (h0, q0, inputs) = FlossingStart.Random(layout, k, steps, rng);
        var horizon = new FlossingHorizon(k, steps, transient, orthonormaliseEvery, Target: 0.1);
        var problem = new FlossingProblem<double>(layout, horizon);

        var gradient = new double[theta.Length];
        new FlossingProblem<double>(layout, horizon, kernels).LossAndGradient(theta, h0, q0, inputs, gradient);
        var expected = FiniteDifferences.Gradient(point => problem.Loss(problem.Exponents(point, h0, q0, inputs)), theta);
        return new CheckResult($"flossing gradient vs finite differences ({spec.Name}, N={n}, k={k}, T_f={steps}, t_ONS={orthonormaliseEvery})",
            Compare.RelativeError(gradient, expected), tolerance);
    }
}
