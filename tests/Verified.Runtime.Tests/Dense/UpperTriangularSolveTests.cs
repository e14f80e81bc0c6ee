using Verified.Checks;
using Verified.Dense;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>
/// The blocked Y ← R⁻¹ Y (shared by the QR pullback and the covariant vectors' backward pass) against back substitution
/// one element at a time, across block edges (24 rows), on both ISA paths as the host has them, in float and double;
/// and the residual R Y − B of the solution.
/// </summary>
public sealed class UpperTriangularSolveTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 7)]
    [InlineData(24, 5)]
    [InlineData(25, 40)]
    [InlineData(80, 80)]
    [InlineData(131, 17)]
    public void Blocked_solve_matches_back_substitution(int k, int columns)
    {
        var (r, b) = Problem(k, columns, seed: (ulong)(k * 1000 + columns));
        var stride = UpperTriangularSolve<double>.Stride(columns);
        var y = Padded(b, k, columns, stride);

        new UpperTriangularSolve<double>(k).Solve(r, y, stride);

        var expected = BackSubstitution(r, b, k, columns);
        var solved = Unpadded(y, k, columns, stride);
        Assert.True(Compare.RelativeError(solved, expected) < 1e-13, $"relative error {Compare.RelativeError(solved, expected):E2}");
        var residual = new double[k * columns];
        Gemm.Multiply<double>(r, solved, residual, k, k, columns, accumulate: false);
        Assert.True(Compare.RelativeError(residual, b) < 1e-13, $"‖R Y − B‖/‖B‖ = {Compare.RelativeError(residual, b):E2}");
        // The padding columns stay zero.
        Assert.All(Enumerable.Range(0, k), row => Assert.All(y.AsSpan(row * stride + columns, stride - columns).ToArray(), value => Assert.Equal(0.0, value)));
    }

    [Fact]
    public void Float_solve_matches_the_double_one_to_float_rounding()
    {
        const int k = 50, columns = 33;
        var (r, b) = Problem(k, columns, seed: 9);
        var stride = UpperTriangularSolve<float>.Stride(columns);
        var y = Padded(b, k, columns, stride).Select(value => (float)value).ToArray();

        new UpperTriangularSolve<float>(k).Solve(r.Select(value => (float)value).ToArray(), y, stride);

        var expected = BackSubstitution(r, b, k, columns);
        var solved = Unpadded([.. y.Select(value => (double)value)], k, columns, stride);
        Assert.True(Compare.RelativeError(solved, expected) < 1e-5, $"relative error {Compare.RelativeError(solved, expected):E2}");
    }

    [Fact]
    public void Rows_that_are_not_whole_vectors_are_refused()
    {
        var solve = new UpperTriangularSolve<double>(4);
        var width = UpperTriangularSolve<double>.Stride(1);
        Assert.Throws<ArgumentException>(() => solve.Solve(new double[16], new double[4 * (width + 1)], width + 1));
        Assert.Throws<ArgumentException>(() => solve.Solve(new double[16], new double[3 * width], width));
    }

    /// <summary>R upper triangular with a diagonal of 1–2 (well conditioned), B Gaussian.</summary>
    private static (double[] R, double[] B) Problem(int k, int columns, ulong seed)
    {
        var rng = new Rng(seed);
        var r = new double[k * k];
        rng.FillGaussian(r);
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < i; j++)
            {
                r[i * k + j] = 0;
            }
            r[i * k + i] = 1 + Math.Abs(r[i * k + i]) % 1;
            for (var j = i + 1; j < k; j++)
            {
                r[i * k + j] /= Math.Sqrt(k);
            }
        }
        var b = new double[k * columns];
        rng.FillGaussian(b);
        return (r, b);
    }

    private static double[] BackSubstitution(double[] r, double[] b, int k, int columns)
    {
        var x = new double[k * columns];
        for (var c = 0; c < columns; c++)
        {
            for (var i = k - 1; i >= 0; i--)
            {
                var sum = b[i * columns + c];
                for (var j = i + 1; j < k; j++)
                {
                    sum -= r[i * k + j] * x[j * columns + c];
                }
                x[i * columns + c] = sum / r[i * k + i];
            }
        }
        return x;
    }

    private static double[] Padded(double[] b, int k, int columns, int stride)
    {
        var y = new double[k * stride];
        for (var i = 0; i < k; i++)
        {
            b.AsSpan(i * columns, columns).CopyTo(y.AsSpan(i * stride));
        }
        return y;
    }

    private static double[] Unpadded(double[] y, int k, int columns, int stride)
    {
        var b = new double[k * columns];
        for (var i = 0; i < k; i++)
        {
            y.AsSpan(i * stride, columns).CopyTo(b.AsSpan(i * columns));
        }
        return b;
    }
}
