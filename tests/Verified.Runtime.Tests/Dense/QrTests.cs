using Verified.Checks;
using Verified.Dense;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

public sealed class QrTests
{
    [Theory]
    [InlineData(6, 6)]
    [InlineData(9, 4)]
    [InlineData(7, 1)]
    [InlineData(5, 5)]
    [InlineData(13, 2)]
    [InlineData(13, 11)]
    [InlineData(17, 16)]
    [InlineData(40, 33)]
    [InlineData(80, 75)]
    [InlineData(256, 128)] // in panels: several whole ones
    [InlineData(200, 97)]  // a partial last panel of odd width
    [InlineData(130, 129)] // k close to n: the last reflectors start in the last vector
    [InlineData(301, 150)]
    public void Qr_reconstructs_with_orthonormal_q_and_positive_diagonal(int n, int k)
    {
        var a = DenseTestData.Gaussian(n * k, 1);
        var (q, r) = Factor(a, n, k);

        var product = new double[n * k];
        Gemm.Multiply<double>(q, r, product, n, k, k, accumulate: false);
        Assert.True(Compare.RelativeError(product, a) < 1e-14);
        var gram = new double[k * k];
        Gemm.MultiplyTransposedA<double>(q, q, gram, k, n, k, accumulate: false);
        for (var i = 0; i < k; i++)
        {
            Assert.True(r[i * k + i] > 0);
            for (var j = 0; j < k; j++)
            {
                Assert.Equal(i == j ? 1 : 0, gram[i * k + j], 13);
                if (j < i)
                {
                    Assert.Equal(0, r[i * k + j]);
                }
            }
        }
    }

    /// <summary>The float instance (eight lanes a vector, so other reflector offsets within the masked first vector).</summary>
    [Theory]
    [InlineData(13, 11)]
    [InlineData(19, 18)]
    [InlineData(80, 75)]
    [InlineData(256, 128)]
    [InlineData(200, 97)]
    [InlineData(130, 129)]
    public void Float_qr_reconstructs_with_orthonormal_q_and_positive_diagonal(int n, int k)
    {
        var a = Array.ConvertAll(DenseTestData.Gaussian(n * k, 8), value => (float)value);
        var q = new float[n * k];
        var r = new float[k * k];
        new HouseholderQr<float>(n, k).Factor(a, q, r);

        var product = new float[n * k];
        Gemm.Multiply<float>(q, r, product, n, k, k, accumulate: false);
        Assert.True(Compare.RelativeError(product, Array.ConvertAll(a, value => (double)value)) < 1e-6);
        var gram = new float[k * k];
        Gemm.MultiplyTransposedA<float>(q, q, gram, k, n, k, accumulate: false);
        for (var i = 0; i < k; i++)
        {
            Assert.True(r[i * k + i] > 0);
            for (var j = 0; j < k; j++)
            {
                Assert.True(Math.Abs(gram[i * k + j] - (i == j ? 1 : 0)) < 1e-5, $"QᵀQ[{i},{j}] = {gram[i * k + j]}");
            }
        }
    }

    /// <summary>
    /// Panels change only the order in which columns meet the reflectors, never the operations on a
    /// column: every panel width (odd ones rounded up to even) gives the unblocked result bit for bit.
    /// </summary>
    [Theory]
    [InlineData(256, 128)]
    [InlineData(200, 97)]
    [InlineData(130, 129)]
    [InlineData(80, 75)]
    public void Every_panel_width_gives_the_unblocked_result_exactly(int n, int k)
    {
        var a = DenseTestData.Gaussian(n * k, 9);
        var af = Array.ConvertAll(a, value => (float)value);
        var (q, r) = Factor(a, n, k, panelWidth: k);
        var (qf, rf) = Factor(af, n, k, panelWidth: k);
        foreach (var width in new[] { 2, 3, 16, 48 })
        {
            var (qw, rw) = Factor(a, n, k, width);
            Assert.Equal(q, qw);
            Assert.Equal(r, rw);
            var (qfw, rfw) = Factor(af, n, k, width);
            Assert.Equal(qf, qfw);
            Assert.Equal(rf, rfw);
        }
    }

    /// <summary>Ā from the pullback against central differences of ⟨Q̄, Q(A)⟩ + ⟨R̄, R(A)⟩, gradients into Q and R at once.</summary>
    [Theory]
    [InlineData(6, 6)]
    [InlineData(9, 4)]
    [InlineData(8, 1)]
    [InlineData(14, 13)]
    [InlineData(21, 19)]
    [InlineData(60, 53)] // the blocked solve: blocks of 24 rows (two whole, one partial), each several GEMM tiles
    public void Pullback_matches_finite_differences(int n, int k)
    {
        var a = DenseTestData.Gaussian(n * k, 2);
        var qBar = DenseTestData.Gaussian(n * k, 3);
        var rBar = DenseTestData.Gaussian(k * k, 4);
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < i; j++)
            {
                rBar[i * k + j] = 0; // R is upper triangular: only its upper part has a cotangent
            }
        }
        var (q, r) = Factor(a, n, k);
        var aBar = new double[n * k];
        new QrPullback<double>(n, k).Backward(q, r, qBar, rBar, aBar);

        var expected = FiniteDifferences.Gradient(point =>
        {
            var (qp, rp) = Factor(point, n, k);
            return Blas.Dot<double>(qBar, qp) + Blas.Dot<double>(rBar, rp);
        }, a);

        Assert.True(Compare.RelativeError(aBar, expected) <= 1e-7, $"{Compare.RelativeError(aBar, expected):E2}");
    }

    [Fact]
    public void Diagonal_pullback_equals_the_general_one_with_a_diagonal_cotangent()
    {
        const int n = 10, k = 7;
        var (q, r) = Factor(DenseTestData.Gaussian(n * k, 5), n, k);
        var qBar = DenseTestData.Gaussian(n * k, 6);
        var diagonal = DenseTestData.Gaussian(k, 7);
        var full = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            full[i * k + i] = diagonal[i];
        }
        var general = new double[n * k];
        var special = new double[n * k];
        var pullback = new QrPullback<double>(n, k);

        pullback.Backward(q, r, qBar, full, general);
        pullback.BackwardDiagonal(q, r, qBar, diagonal, special);

        Assert.True(Compare.RelativeError(special, general) <= 1e-14);
    }

    private static (double[] Q, double[] R) Factor(double[] a, int n, int k)
    {
        var q = new double[n * k];
        var r = new double[k * k];
        new HouseholderQr<double>(n, k).Factor(a, q, r);
        return (q, r);
    }

    private static (T[] Q, T[] R) Factor<T>(T[] a, int n, int k, int panelWidth) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var q = new T[n * k];
        var r = new T[k * k];
        new HouseholderQr<T>(n, k, panelWidth).Factor(a, q, r);
        return (q, r);
    }
}
