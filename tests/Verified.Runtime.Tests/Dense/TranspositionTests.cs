using Verified.Dense;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>Transposition on shapes with and without whole register tiles (4×4 doubles, 8×8 floats) and blocks of eight rows, with strides wider than the matrix on both sides.</summary>
public sealed class TranspositionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(8, 4)]
    [InlineData(17, 6)]
    [InlineData(4, 4)]
    [InlineData(6, 9)]
    [InlineData(80, 75)]
    [InlineData(75, 80)]
    public void Every_element_lands_in_its_place_in_double(int rows, int cols) => Check<double>(rows, cols);

    [Theory]
    [InlineData(3, 7)]
    [InlineData(8, 8)]
    [InlineData(13, 10)]
    [InlineData(16, 24)]
    [InlineData(19, 17)]
    [InlineData(80, 75)]
    public void Every_element_lands_in_its_place_in_float(int rows, int cols) => Check<float>(rows, cols);

    /// <summary>Large enough to be shared over a team in column blocks (a partial last block included): every element still lands in its place.</summary>
    [Theory]
    [InlineData(301, 517)]
    [InlineData(517, 130)]
    public void Every_element_lands_in_its_place_when_shared_over_a_team(int rows, int cols)
    {
        using var team = Verified.Dense.Threading.DenseThreads.Use(3);
        Check<double>(rows, cols);
        Check<float>(rows, cols);
        Assert.True(Verified.Dense.Threading.DenseThreads.SharedChunks > 0, "the transpositions were not shared");
    }

    private static void Check<T>(int rows, int cols) where T : struct, System.Numerics.INumber<T>
    {
        int sourceStride = cols + 3, targetStride = rows + 5;
        var source = new T[rows * sourceStride];
        for (var at = 0; at < source.Length; at++)
        {
            source[at] = T.CreateTruncating(at + 1);
        }
        var target = new T[cols * targetStride];
        Transposition.Transpose<T>(source, sourceStride, target, targetStride, rows, cols);
        for (var j = 0; j < cols; j++)
        {
            for (var i = 0; i < targetStride; i++)
            {
                // Inside the transpose: the source element; in the target's padding: untouched zeros.
                var expected = i < rows ? source[i * sourceStride + j] : T.Zero;
                Assert.True(target[j * targetStride + i] == expected, $"({j},{i}): {target[j * targetStride + i]} against {expected}");
            }
        }
    }
}
