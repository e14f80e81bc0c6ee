using Verified.Initialisation;
using Verified.Randomness;
using Verified.Training.Regularisers;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>The penalties of Sec 7's controls against central finite differences, entry by entry and along a random direction.</summary>
public sealed class RegulariserGradientTests
{
    [Theory]
    [InlineData(8, 1.0, 1UL)]
    [InlineData(12, 1.5, 2UL)]
    [InlineData(6, 0.6, 3UL)]
    public void The_spectral_radius_gradient_matches_finite_differences(int n, double gain, ulong seed)
    {
        var w = new double[n * n];
        new Rng(seed).FillGaussian(w, 0, gain / Math.Sqrt(n));
        double Penalty(double[] matrix) => Math.Pow(SpectralRadiusPenalty.SpectralRadius(matrix, n).Rho - 1, 2);
        var (rho, dRho) = SpectralRadiusPenalty.SpectralRadius(w, n);
        var gradient = dRho.Select(g => 2 * (rho - 1) * g).ToArray();

        var direction = new double[n * n];
        new Rng(seed + 100).FillGaussian(direction);
        Assert.Equal(Directional(Penalty, w, direction), gradient.Zip(direction, (g, d) => g * d).Sum(), Tolerance(gradient));
        for (var i = 0; i < n * n; i++)
        {
            var unit = new double[n * n];
            unit[i] = 1;
            Assert.Equal(Directional(Penalty, w, unit), gradient[i], Tolerance(gradient));
        }
    }

    [Theory]
    [InlineData("vanilla-tanh", 6)]
    [InlineData("gru", 4)]
    [InlineData("lstm", 3)]
    public void The_jacobian_penalty_gradient_matches_finite_differences(string cellName, int n)
    {
        var layout = BuiltInCells.Find(cellName)!.Layout(CellDimensions.Of(n, 1));
        var rng = new Rng(11);
        var theta = new double[layout.ParameterCount];
        ParameterInitialiser.Initialise(layout, theta, 1.2, rng);
        // Biases and any zero-initialised parameter drawn too, so that every entry of θ is exercised.
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.1 * rng.NextGaussian();
        }
        var state = new double[layout.StateSize];
        rng.FillGaussian(state, 0, 0.5);
        double[] input = [0.7];
        var penalty = new JacobianPenalty(layout);
        double Value(double[] at) => penalty.AddStep(at, state, input, 0, new double[at.Length]);
        var gradient = new double[theta.Length];
        var value = penalty.AddStep(theta, state, input, 1, gradient);

        Assert.Equal(Value(theta), value);
        var direction = new double[theta.Length];
        new Rng(12).FillGaussian(direction);
        Assert.Equal(Directional(Value, theta, direction), gradient.Zip(direction, (g, d) => g * d).Sum(), Tolerance(gradient) * 10);
        for (var i = 0; i < theta.Length; i++)
        {
            var unit = new double[theta.Length];
            unit[i] = 1;
            Assert.Equal(Directional(Value, theta, unit), gradient[i], Tolerance(gradient));
        }
    }

    [Fact]
    public void The_jacobian_penalty_samples_steps_across_the_whole_sequence()
    {
        Assert.Equal([30, 90, 150, 210, 270], JacobianPenalty.Steps(300));
    }

    /// <summary>Central difference of <paramref name="f"/> at <paramref name="x"/> along <paramref name="direction"/>.</summary>
    private static double Directional(Func<double[], double> f, double[] x, double[] direction)
    {
        const double h = 1e-6;
        var plus = x.Zip(direction, (a, d) => a + h * d).ToArray();
        var minus = x.Zip(direction, (a, d) => a - h * d).ToArray();
        return (f(plus) - f(minus)) / (2 * h);
    }

    /// <summary>The error of a central difference at h = 1e-6: truncation O(h²) and cancellation O(ε/h), scaled by the gradient's size.</summary>
    private static double Tolerance(double[] gradient) => 1e-6 * Math.Max(1, gradient.Max(Math.Abs));
}
