using System.Numerics;
using Verified.Dense;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary><see cref="Finite.All{T}"/> sees one NaN or ±∞ wherever it sits, in the whole vectors and in the tail, and passes every finite value.</summary>
public sealed class FiniteTests
{
    public static TheoryData<int> Lengths() => [0, 1, 3, 7, 8, 15, 16, 17, 31, 64, 75, 6000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void One_value_that_is_not_finite_is_seen_at_every_position_in_double(int length) => SeenEverywhere<double>(length);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void One_value_that_is_not_finite_is_seen_at_every_position_in_float(int length) => SeenEverywhere<float>(length);

    private static void SeenEverywhere<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>
    {
        // The extremes of the finite numbers: x − x is exactly zero for each.
        T[] finite = [T.MaxValue, T.MinValue, T.Epsilon, -T.Epsilon, T.NegativeZero, T.One];
        var values = new T[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = finite[i % finite.Length];
        }
        Assert.True(Finite.All<T>(values));
        var positions = length <= 100 ? Enumerable.Range(0, length) : [0, 1, length / 2, length - 1];
        foreach (var position in positions)
        {
            foreach (var bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
            {
                var kept = values[position];
                values[position] = bad;
                Assert.False(Finite.All<T>(values), $"{bad} at {position} of {length}");
                values[position] = kept;
            }
        }
    }
}
