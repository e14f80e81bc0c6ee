using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Lyapunov.Covariant;
using Verified.Randomness;
using Verified.Runtime.Tests.Cells;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>
/// Covariant Lyapunov vectors (Ginelli's forward–backward method) against what is known of them:
/// a constant non-normal map's eigenvectors, a flow's vector field, covariance D_s V_s ∥ V_{s+1} itself,
/// and the Hénon map's exponents.
/// </summary>
public sealed class CovariantVectorTests
{
    /// <summary>|cos| of the angle between column <paramref name="column"/> of the row-major n×k <paramref name="vectors"/> and <paramref name="direction"/>.</summary>
    private static double AbsoluteCosine(double[] vectors, int n, int k, int column, IReadOnlyList<double> direction)
    {
        double dot = 0, vv = 0, dd = 0;
        for (var row = 0; row < n; row++)
        {
            var v = vectors[row * k + column];
            dot += v * direction[row];
            vv += v * v;
            dd += direction[row] * direction[row];
        }
        return Math.Abs(dot) / Math.Sqrt(vv * dd);
    }

    [Fact]
    public void A_constant_non_normal_map_has_its_eigenvectors_and_the_logs_of_its_eigenvalues()
    {
        // Upper triangular A: eigenvalues on the diagonal, eigenvectors 13° and less apart (far from orthogonal).
        double[,] a = { { 1.5, 3, 1 }, { 0, 0.8, 2 }, { 0, 0, 0.3 } };
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

        var result = CovariantVectors.Compute(layout, theta, new CovariantOptions
        {
            K = 3, Steps = 100, Transient = 0, ForwardTransient = 60, BackwardTransient = 60, RecordEvery = 7, Seed = 2,
        });

        Assert.Equal(new[] { Math.Log(1.5), Math.Log(0.8), Math.Log(0.3) }, result.Exponents, (x, y) => Math.Abs(x - y) < 1e-9);
        for (var m = 0; m < 3; m++)
        {
            // The eigenvector of A_mm by back substitution: v_m = 1, v_j = 0 below, v_j = −Σ_l A_jl v_l / (A_jj − A_mm) above.
            var eigenvector = new double[3];
            eigenvector[m] = 1;
            for (var j = m - 1; j >= 0; j--)
            {
                var sum = 0.0;
                for (var l = j + 1; l <= m; l++)
                {
                    sum += a[j, l] * eigenvector[l];
                }
                eigenvector[j] = -sum / (a[j, j] - a[m, m]);
            }
            foreach (var vectors in result.Vectors)
            {
                Assert.True(AbsoluteCosine(vectors, 3, 3, m, eigenvector) > 1 - 1e-12, $"vector {m + 1} is not A's eigenvector");
            }
            Assert.All(result.GrowthRates, rates => Assert.Equal(Math.Log(a[m, m]), rates[m], 1e-9));
        }
        Assert.Equal(15, result.Steps.Length);
        Assert.Equal(98, result.Steps[^1]);
    }

    /// <summary>The smallest |cos(v_2, F(h_s))| over the recorded steps of a Lorenz cell with time step <paramref name="dt"/>, over 40 time units.</summary>
    private static double WorstAlignment(CellSpec lorenz, double dt)
    {
        var layout = lorenz.Layout(CellDimensions.Of(1));
        double[] theta = [10, 28, 8.0 / 3];
        var perUnitTime = (int)Math.Round(1 / dt);
        var result = CovariantVectors.Compute(layout, theta, new CovariantOptions
        {
            K = 3, Steps = 20 * perUnitTime, Transient = 10 * perUnitTime, ForwardTransient = 10 * perUnitTime, BackwardTransient = 20 * perUnitTime,
            RecordEvery = perUnitTime / 4, InitialState = [1, 1, 20],
        });
        Assert.Equal(1, Array.IndexOf(result.Exponents, result.Exponents.MinBy(Math.Abs)));
        return Enumerable.Range(0, result.Steps.Length).Min(record =>
        {
            var (x, y, z) = (result.States[record][0], result.States[record][1], result.States[record][2]);
            return AbsoluteCosine(result.Vectors[record], 3, 3, 1, [10 * (y - x), x * (28 - z) - y, x * y - 8.0 / 3 * z]);
        });
    }

    [Fact]
    public void A_flows_zero_exponent_vector_is_parallel_to_the_vector_field()
    {
        var fine = WorstAlignment(LorenzFine.Spec, LorenzFine.Dt);
        var coarse = WorstAlignment(Lorenz.Spec, Lorenz.Dt);

        Assert.True(fine >= 0.999, $"Δt = {LorenzFine.Dt}: the smallest |cos(v_2, F(h))| is {fine}");
        // The Euler map's own neutral vector leans off F by O(Δt): ten times the step, clearly worse alignment.
        Assert.True(1 - coarse > 3 * (1 - fine), $"|cos| {coarse} at Δt = {Lorenz.Dt} against {fine} at {LorenzFine.Dt}");
    }

    [Fact]
    public void The_vectors_are_covariant_with_growth_factors_that_average_to_the_exponents()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(10));
        var theta = ParameterInitialiser.Create(layout, 2.5, new Rng(4));
        var kernels = layout.Spec.CreateKernels<double>(layout);
        const int n = 10, k = 5;

        var result = CovariantVectors.Compute(layout, theta, new CovariantOptions
        {
            K = k, Steps = 2000, Transient = 200, ForwardTransient = 300, BackwardTransient = 300, RecordEvery = 1, Seed = 3,
        });

        var jacobian = new double[n * n];
        var image = new double[n * k];
        for (var s = 0; s + 1 < result.Steps.Length; s += 97)
        {
            kernels.Jacobian(theta, result.States[s], new double[layout.InputSize], jacobian);
            Verified.Dense.Gemm.Multiply<double>(jacobian, result.Vectors[s], image, n, n, k, accumulate: false);
            for (var i = 0; i < k; i++)
            {
                var column = Enumerable.Range(0, n).Select(row => image[row * k + i]).ToArray();
                Assert.True(AbsoluteCosine(result.Vectors[s + 1], n, k, i, column) > 1 - 1e-10, $"D_s v_{i + 1}(s) is not parallel to v_{i + 1}(s + 1) at s = {s}");
                var norm = Math.Sqrt(column.Sum(value => value * value));
                Assert.Equal(result.GrowthRates[s][i], Math.Log(norm), 1e-9);
            }
        }
        // The time average of log γ over the window against Σ log R_ii over the window and the backward transient.
        Assert.Equal(result.Exponents, result.CovariantExponents, (x, y) => Math.Abs(x - y) < 0.02);
        Assert.Equal(result.CovariantExponents, result.GrowthRates.Select(rates => rates).Aggregate(new double[k], (sum, rates) => [.. sum.Zip(rates, (x, y) => x + y)]).Select(sum => sum / 2000),
            (x, y) => Math.Abs(x - y) < 1e-9);
    }

    [Fact]
    public void The_Henon_maps_exponents_and_angle_statistics_do_not_move_when_the_transients_double()
    {
        var layout = HenonMap.Spec.Layout(CellDimensions.Of(1));
        double[] theta = [1.4, 0.3];
        CovariantResult Run(int transient) => CovariantVectors.Compute(layout, theta, new CovariantOptions
        {
            K = 2, Steps = 200000, Transient = 1000, ForwardTransient = transient, BackwardTransient = transient, RecordEvery = 4, InitialState = [0.1, 0.1],
        });

        var single = Run(20);
        var doubled = Run(40);

        foreach (var result in new[] { single, doubled })
        {
            Assert.Equal(0.41922, result.Exponents[0], 2e-3);
            Assert.Equal(-1.62319, result.Exponents[1], 2e-3);
            Assert.Equal(0.41922, result.CovariantExponents[0], 2e-3);
            Assert.Equal(-1.62319, result.CovariantExponents[1], 2e-3);
            Assert.Equal(1, result.UnstableDimension);
        }
        // The angle between the unstable and the stable direction: its mean and the share of near-tangencies (below 0.1 rad).
        double Mean(CovariantResult result) => result.UnstableStableAngles!.Average();
        double Tangencies(CovariantResult result) => result.UnstableStableAngles!.Count(angle => angle < 0.1) / (double)result.UnstableStableAngles!.Length;
        Assert.Equal(Mean(single), Mean(doubled), 0.02 * Mean(single));
        Assert.Equal(Tangencies(single), Tangencies(doubled), 0.01);
        Assert.All(single.UnstableStableAngles!.Zip(single.NeighbourAngles, (subspace, neighbours) => (subspace, neighbours[0])),
            pair => Assert.Equal(pair.subspace, pair.Item2, 1e-9));
    }
}
