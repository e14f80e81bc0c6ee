using Verified.Dense;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>The kernels of a vector broadcast over a batch's columns (a bias) against their element loops.</summary>
public sealed class BroadcastTests
{
    [Theory]
    [InlineData(5, 1)]
    [InlineData(7, 3)]
    [InlineData(80, 16)]
    [InlineData(9, 17)]
    public void Add_rows_adds_each_row_its_own_element(int rows, int cols)
    {
        var rng = new Rng(11);
        var a = new double[rows * cols];
        var v = new double[rows];
        rng.FillGaussian(a);
        rng.FillGaussian(v);
        var y = new double[rows * cols];

        ElementWise.AddRows<double>(a, v, y, cols);

        for (var row = 0; row < rows; row++)
        {
            for (var col = 0; col < cols; col++)
            {
                Assert.Equal(a[row * cols + col] + v[row], y[row * cols + col]);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(19)]
    public void Row_sum_is_the_sum_of_every_element(int length)
    {
        var v = Enumerable.Range(1, length).Select(i => 1.0 / i).ToArray();

        Assert.Equal(v.Sum(), Blas.Sum<double>(v), 14);
    }
}
