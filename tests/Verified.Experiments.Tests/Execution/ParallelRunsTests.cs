using Verified.Dense.Threading;
using Verified.Experiments.Execution;
using Xunit;

namespace Verified.Experiments.Tests.Execution;

/// <summary>Runs side by side (--jobs) split the caller's dense threads between them.</summary>
public sealed class ParallelRunsTests
{
    [Fact]
    public void Runs_side_by_side_share_the_callers_threads()
    {
        var seen = new int[4];
        using var team = DenseThreads.Use(4);
        ParallelRuns.Execute([0, 1, 2, 3], jobs: 2, piece => seen[piece] = DenseThreads.Current);
        Assert.All(seen, threads => Assert.Equal(2, threads));
        Assert.Equal(4, DenseThreads.Current);
    }
}
