using System.Reflection;
using Verified.Cli.Output;
using Verified.Experiments.Results;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>The build a result records covers every assembly whose code computes it, so a change to any of them is another build.</summary>
public sealed class CliBuildTests
{
    [Fact]
    public void The_build_digest_covers_the_cli_the_runtime_the_experiments_and_the_precision_path()
    {
        Assembly[] computing = [typeof(CliBuild).Assembly, typeof(CellSpec).Assembly, typeof(ResultStore).Assembly, typeof(Verified.Precision.Condition.ConditionRun).Assembly];

        Assert.Equal(BuildIdentity.Of(computing), CliBuild.Origin.Build);
    }
}
