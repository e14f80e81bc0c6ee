using Verified.Checks;
using Verified.Dense;
using Verified.Dense.Threading;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>
/// The QR whose panels act as block reflectors I − V T Vᵀ agrees with the QR in pairs of reflectors to
/// rounding, on tall, square, nearly rank-deficient and ill-conditioned inputs: A = QR to a few ε,
/// QᵀQ = I to a few ε, a positive diagonal, and (where the factors are well determined) the same Q and R.
/// </summary>
public sealed class BlockReflectorQrTests
{
    public static TheoryData<string, int, int, int> Cases => new()
    {
        { "gaussian", 600, 130, 32 },  // tall, a partial last panel
        { "gaussian", 160, 160, 32 },  // square
        { "gaussian", 300, 161, 32 },
        { "gaussian", 70, 50, 16 },    // panels of 16 at a small size: the last reflectors start in the last vectors
        { "gaussian", 45, 45, 10 },
        { "rank-deficient", 200, 140, 32 },
        { "ill-conditioned", 256, 200, 32 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Block_reflectors_factor_as_pairs_do(string kind, int n, int k, int width)
    {
        var a = Input(kind, n, k);
        var (q, r) = Factor(a, n, k, width, blockReflectors: true);
        var (qPairs, rPairs) = Factor(a, n, k, width, blockReflectors: false);

        var product = new double[n * k];
        Gemm.Multiply<double>(q, r, product, n, k, k, accumulate: false);
        Assert.True(Compare.RelativeError(product, a) < 1e-14, $"‖QR − A‖/‖A‖ = {Compare.RelativeError(product, a):E2}");
        var gram = new double[k * k];
        Gemm.MultiplyTransposedA<double>(q, q, gram, k, n, k, accumulate: false);
        for (var i = 0; i < k; i++)
        {
            Assert.True(r[i * k + i] > 0);
            gram[i * k + i] -= 1;
        }
        Assert.True(gram.Max(Math.Abs) < 1e-13, $"max |QᵀQ − I| = {gram.Max(Math.Abs):E2}");
        if (kind == "gaussian")
        {
            Assert.True(Compare.RelativeError(q, qPairs) < 1e-12, $"Q differs from the pairs' by {Compare.RelativeError(q, qPairs):E2}");
            Assert.True(Compare.RelativeError(r, rPairs) < 1e-12, $"R differs from the pairs' by {Compare.RelativeError(r, rPairs):E2}");
        }
        else
        {
            // R is determined by A only to ‖A‖ε where A is nearly singular: the pairs' R to that absolute level.
            var scale = rPairs.Max(Math.Abs);
            Assert.True(r.Zip(rPairs).Max(pair => Math.Abs(pair.First - pair.Second)) < 1e-12 * scale);
        }
    }

    [Fact]
    public void Float_block_reflectors_factor_to_float_rounding()
    {
        const int n = 300, k = 200;
        var a = DenseTestData.Gaussian(n * k, 21);
        var af = Array.ConvertAll(a, value => (float)value);
        var q = new float[n * k];
        var r = new float[k * k];
        new HouseholderQr<float>(n, k, 32, blockReflectors: true).Factor(af, q, r);
        var product = new float[n * k];
        Gemm.Multiply<float>(q, r, product, n, k, k, accumulate: false);
        Assert.True(Compare.RelativeError(product, Array.ConvertAll(af, value => (double)value)) < 2e-6);
        var (qDouble, _) = Factor(Array.ConvertAll(af, value => (double)value), n, k, 32, blockReflectors: false);
        Assert.True(Compare.RelativeError(q, qDouble) < 1e-4);
    }

    [Fact]
    [Trait("Category", ScalarPathTests.Category)]
    public void The_default_factoriser_uses_block_reflectors_from_a_megabyte_and_threads_do_not_change_them()
    {
        const int n = 520, k = 256;
        var a = DenseTestData.Gaussian(n * k, 22);
        var (q, r) = Factor(a, n, k, HouseholderQr<double>.BlockedPanelWidth, blockReflectors: true);
        var qDefault = new double[n * k];
        var rDefault = new double[k * k];
        new HouseholderQr<double>(n, k).Factor(a, qDefault, rDefault);
        Assert.Equal(q, qDefault);
        Assert.Equal(r, rDefault);
        using var team = DenseThreads.Use(3);
        var (qShared, rShared) = Factor(a, n, k, HouseholderQr<double>.BlockedPanelWidth, blockReflectors: true);
        Assert.True(DenseThreads.SharedChunks > 0);
        Assert.Equal(q, qShared);
        Assert.Equal(r, rShared);
    }

    /// <summary>
    /// On a team the next panel is factored, and a panel's own columns of Q formed, beside the products on the later
    /// columns (the look-ahead): the factors are those of one thread to the last bit, for panels narrower than, as wide
    /// as and wider than a chunk of later columns, and a last panel and chunk cut short.
    /// </summary>
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(48)]
    [InlineData(64)]
    [Trait("Category", ScalarPathTests.Category)]
    public void Panels_ahead_of_the_products_on_a_team_give_the_one_thread_factors(int width)
    {
        const int n = 530, k = 301;
        var a = DenseTestData.Gaussian(n * k, 23);
        var (q, r) = Factor(a, n, k, width, blockReflectors: true);
        foreach (var size in new[] { 2, 3 })
        {
            using var team = DenseThreads.Use(size);
            var (qShared, rShared) = Factor(a, n, k, width, blockReflectors: true);
            Assert.True(DenseThreads.SharedChunks > 0);
            Assert.Equal(q, qShared);
            Assert.Equal(r, rShared);
        }
    }

    /// <summary>Gaussian; rank k − 6 plus 1e-13 noise; or singular values from 1 down to 1e-12 between random orthonormal bases.</summary>
    private static double[] Input(string kind, int n, int k)
    {
        var g = DenseTestData.Gaussian(n * k, (ulong)(n + k));
        switch (kind)
        {
            case "rank-deficient":
            {
                var rank = k - 6;
                var left = DenseTestData.Gaussian(n * rank, 31);
                var right = DenseTestData.Gaussian(rank * k, 32);
                var a = new double[n * k];
                Gemm.Multiply<double>(left, right, a, n, rank, k, accumulate: false);
                for (var i = 0; i < a.Length; i++)
                {
                    a[i] += 1e-13 * g[i];
                }
                return a;
            }
            case "ill-conditioned":
            {
                var (u, _) = Factor(g, n, k, 32, blockReflectors: false);
                var (v, _) = Factor(DenseTestData.Gaussian(k * k, 33), k, k, 32, blockReflectors: false);
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < k; j++)
                    {
                        u[i * k + j] *= Math.Pow(10, -12.0 * j / (k - 1));
                    }
                }
                var a = new double[n * k];
                Gemm.MultiplyTransposedB<double>(u, v, a, n, k, k, accumulate: false);
                return a;
            }
            default:
                return g;
        }
    }

    private static (double[] Q, double[] R) Factor(double[] a, int n, int k, int width, bool blockReflectors)
    {
        var q = new double[n * k];
        var r = new double[k * k];
        new HouseholderQr<double>(n, k, width, blockReflectors).Factor(a, q, r);
        return (q, r);
    }
}
