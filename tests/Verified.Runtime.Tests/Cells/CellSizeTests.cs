using Xunit;

namespace Verified.Runtime.Tests.Cells;

public sealed class CellSizeTests
{
    [Fact]
    public void Named_and_fixed_sizes_keep_their_meaning()
    {
        var dimensions = CellDimensions.Of(5, 3);

        Assert.Equal(5, CellSize.Named("N").Resolve(dimensions));
        Assert.Equal(3, CellSize.Named("I").Resolve(dimensions));
        Assert.Equal(7, CellSize.Fixed(7).Resolve(dimensions));
        Assert.Equal(new CellSize("N", 0), CellSize.Named("N"));
        Assert.Equal(1, CellSize.Named("N").Multiplier);
        Assert.Equal(("N", "7"), (CellSize.Named("N").ToString(), CellSize.Fixed(7).ToString()));
    }

    [Fact]
    public void A_multiple_resolves_to_the_multiplier_times_the_dimension()
    {
        var size = CellSize.Multiple(4, "N");

        Assert.Equal(20, size.Resolve(CellDimensions.Of(5)));
        Assert.Equal("4*N", size.ToString());
        Assert.Equal(CellSize.Named("N"), CellSize.Multiple(1, "N"));
        Assert.NotEqual(CellSize.Named("N"), size);
        Assert.Throws<ArgumentOutOfRangeException>(() => CellSize.Multiple(0, "N"));
    }

    [Fact]
    public void A_multiple_too_large_for_an_int_is_refused_not_wrapped_around()
    {
        Assert.Throws<OverflowException>(() => CellSize.Multiple(4, "N").Resolve(CellDimensions.Of(1 << 30)));

        // 3·2^30 rows: the layout names the parameter instead of wrapping the size around to a negative int.
        var error = Assert.Throws<MemoryLimits.ResourceLimitException>(() => BuiltInCells.Find("torch-gru")!.Layout(CellDimensions.Of(1 << 30, 3)));
        Assert.Contains("weight_ih_l0 (3221225472×3)", error.Message);
    }
}
