using MathNet.Numerics.LinearAlgebra;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>
/// The first forward Lyapunov vector at h_0 (the leading right singular vector of T_t = D_{t−1} ⋯ D_0)
/// by the forward–adjoint power iteration: against an SVD of A^t for a constant linear map, and its
/// two products checked, D_s against central differences of the step and D_sᵀ against D_s by the
/// dot-product test.
/// </summary>
public sealed class ForwardLyapunovVectorTests
{
    [Fact]
    public void On_a_constant_linear_map_it_is_the_top_right_singular_vector_of_the_matrix_power()
    {
        // A non-normal A: the top right singular vector of A^t is neither an eigenvector of A nor A's own top singular vector.
        double[,] a = { { 0.9, 1.2, -0.4 }, { 0.1, 0.7, 0.8 }, { -0.5, 0.2, 0.6 } };
        const int steps = 4;
        var layout = BuiltInCells.Find("linear")!.Layout(CellDimensions.Of(3, 1));
        var theta = new double[layout.ParameterCount];
        var matrix = layout.Parameter("A");
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                theta[matrix.Offset + i * 3 + j] = a[i, j];
            }
        }
        var iteration = new ForwardLyapunovVector(layout.Spec.CreateKernels<double>(layout), steps);
        var vector = new double[3];

        iteration.Compute(theta, [0.3, -1.0, 0.5], (_, _) => 1.0, new Rng(5), vector);

        var power = Matrix<double>.Build.DenseOfArray(a).Power(steps);
        var expected = power.Svd(computeVectors: true).VT.Row(0);
        var sign = Math.Sign(expected.DotProduct(Vector<double>.Build.DenseOfArray(vector)));
        Assert.True(iteration.Converged, $"not converged in {iteration.Iterations} passes");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(vector[i] - sign * expected[i]) < 1e-10, $"component {i}: {vector[i]} against {sign * expected[i]}");
        }
    }

    [Fact]
    public void Its_forward_products_are_the_steps_derivative_and_its_backward_products_their_transpose()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(6, 2));
        var theta = ParameterInitialiser.Create(layout, 1.5, new Rng(7));
        var kernels = layout.Spec.CreateKernels<double>(layout);
        const int steps = 12;
        var iteration = new ForwardLyapunovVector(kernels, steps);
        var inputs = new double[steps * 2];
        new Rng(8).FillGaussian(inputs);
        var h0 = new double[6];
        new Rng(9).FillGaussian(h0);
        iteration.Compute(theta, h0, (step, i) => inputs[step * 2 + i], new Rng(10), new double[6]);
        var draws = new Rng(11);
        double[] u = new double[6], v = new double[6], dv = new double[6], du = new double[6], plus = new double[6], minus = new double[6], shifted = new double[6];
        const double epsilon = 1e-6;
        for (var s = 0; s < steps; s++)
        {
            draws.FillGaussian(u);
            draws.FillGaussian(v);
            iteration.Forward(theta, s, v, dv);
            iteration.Backward(theta, s, u, du);
            var state = iteration.State(s);
            var input = inputs.AsSpan(s * 2, 2);
            // D_s v ≈ (f(h + εv) − f(h − εv)) / 2ε, an O(ε²) error.
            for (var sign = -1; sign <= 1; sign += 2)
            {
                for (var i = 0; i < 6; i++)
                {
                    shifted[i] = state[i] + sign * epsilon * v[i];
                }
                kernels.Step(theta, shifted, input, sign > 0 ? plus : minus);
            }
            for (var i = 0; i < 6; i++)
            {
                Assert.True(Math.Abs(dv[i] - (plus[i] - minus[i]) / (2 * epsilon)) < 1e-8, $"step {s}, row {i}: D_s v {dv[i]} against {(plus[i] - minus[i]) / (2 * epsilon)}");
            }
            // ⟨u, D_s v⟩ = ⟨D_sᵀ u, v⟩.
            var left = u.Zip(dv, (x, y) => x * y).Sum();
            var right = du.Zip(v, (x, y) => x * y).Sum();
            Assert.True(Math.Abs(left - right) <= 1e-12 * (Math.Abs(left) + 1), $"step {s}: ⟨u, D v⟩ = {left}, ⟨Dᵀu, v⟩ = {right}");
        }
    }
}
