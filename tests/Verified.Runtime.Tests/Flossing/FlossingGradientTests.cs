using Verified.Checks;
using Verified.Dense;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Random;
using Xunit;

namespace Verified.Runtime.Tests.Flossing;

/// <summary>The whole flossing gradient against central differences of the loss (N=8, k=3, T_f=30, transient 5).</summary>
public sealed class FlossingGradientTests
{
    [Theory]
    [InlineData("vanilla-tanh", 1)]
    [InlineData("lstm", 1)]
    [InlineData("gru", 1)]
    [InlineData("rate", 1)]
    [InlineData("vanilla-tanh", 3)]
    public void Gradient_matches_finite_differences_of_the_loss(string cell, int tons)
    {
        var spec = BuiltInCells.Find(cell)!;
        var layout = spec.Layout(CellDimensions.Of(8, 2));
        var rng = new Rng(11);
        var theta = ParameterInitializer.Create(layout, gain: 1.5, rng);
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.05 * rng.NextGaussian();
        }
        int n = layout.StateSize, k = 3, steps = 30;
        var h0 = new double[n];
        rng.FillGaussian(h0);
        var q0 = new double[n * k];
        var a = new double[n * k];
        rng.FillGaussian(a);
        new HouseholderQr<double>(n, k).Factor(a, q0, new double[k * k]);
        var inputs = InputStream.Create(InputKind.Gaussian, layout.InputSize, steps, rng);
        var problem = new FlossingProblem(layout, k, steps, transient: 5, tons, target: 0.1);

        var gradient = new double[theta.Length];
        problem.LossAndGradient(theta, h0, q0, inputs, gradient);
        var expected = FiniteDifferences.Gradient(point => problem.Loss(problem.Exponents(point, h0, q0, inputs)), theta);

        var error = Compare.RelativeError(gradient, expected);
        Assert.True(error <= 1e-6, $"{cell}: {error:E2}");
    }
}
