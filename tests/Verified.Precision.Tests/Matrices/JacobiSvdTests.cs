using System.Numerics;
using Verified.Precision.Matrices;
using Verified.Precision.Numbers;
using Verified.Randomness;
using Xunit;

namespace Verified.Precision.Tests.Matrices;

using Float256 = BinaryFloat<Bits256>;

public sealed class JacobiSvdTests
{
    /// <summary>
    /// U diag(σ) Vᵀ with σ_i = 2^−e_i spread from 1 down to about 1e−50, U a product of Householder
    /// reflections formed at 256 bits and V a signed permutation: every σ comes back to 1e−60.
    /// </summary>
    [Fact]
    public void Graded_singular_values_are_recovered_to_1e_minus_60()
    {
        const int n = 12, m = 10;
        var rng = new Rng(17);
        var exponents = Enumerable.Range(0, m).Select(i => (int)Math.Round(166.0 * i / (m - 1))).ToArray();
        var a = new PrecisionMatrix<Float256>(n, m);
        var permutation = Enumerable.Range(0, m).OrderBy(_ => rng.NextDouble()).ToArray();
        for (var j = 0; j < m; j++)
        {
            var sign = rng.NextDouble() < 0.5 ? -1 : 1;
            a[permutation[j], j] = Float256.FromBigInteger(sign, -exponents[j]);
        }
        for (var reflection = 0; reflection < 6; reflection++)
        {
            Reflect(a, RandomVector(rng, n));
        }

        var sigma = JacobiSvd.SingularValues(a);

        for (var i = 0; i < m; i++)
        {
            var expected = Float256.FromBigInteger(BigInteger.One, -exponents[i]);
            var relative = Float256.Abs(sigma[i] - expected) / expected;
            Assert.True(relative.Log2Abs() <= -199.3, $"σ{i + 1} = 2^−{exponents[i]}: relative error 2^{relative.Log2Abs():F1}");
        }
    }

    [Fact]
    public void Singular_values_of_a_double_matrix_match_the_double_svd()
    {
        var rng = new Rng(3);
        var values = new double[6 * 4];
        rng.FillGaussian(values);
        var a = PrecisionMatrix<Float256>.FromRowMajor(values, 6, 4);
        var expected = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(6, 4, values).Svd(false).S.ToArray();

        var sigma = JacobiSvd.SingularValues(a).Select(s => s.ToDouble()).ToArray();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], sigma[i], 1e-12 * expected[0]);
        }
    }

    /// <summary>A ← (I − 2vvᵀ/vᵀv) A at the working precision.</summary>
    private static void Reflect(PrecisionMatrix<Float256> a, Float256[] v)
    {
        var vv = v.Aggregate(Float256.Zero, (sum, x) => sum + x * x);
        var scale = Float256.FromDouble(2) / vv;
        for (var j = 0; j < a.Columns; j++)
        {
            var column = a.Column(j);
            var dot = Float256.Zero;
            for (var i = 0; i < column.Length; i++)
            {
                dot += v[i] * column[i];
            }
            var factor = scale * dot;
            for (var i = 0; i < column.Length; i++)
            {
                column[i] -= factor * v[i];
            }
        }
    }

    private static Float256[] RandomVector(Rng rng, int n) => Enumerable.Range(0, n).Select(_ => Float256.FromDouble(rng.NextGaussian())).ToArray();
}
