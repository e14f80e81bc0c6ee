using Verified.Checks;
using Xunit;

namespace Verified.Runtime.Tests.Checks;

/// <summary>Every generated kernel of every built-in cell, in float and double (issue 2's checks).</summary>
public sealed class BuiltInCellDerivativeTests
{
    public static TheoryData<string> Cells()
    {
        var data = new TheoryData<string>();
        foreach (var spec in BuiltInCells.All)
        {
            data.Add(spec.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Every_check_passes(string cell)
    {
        var results = new DerivativeChecks(BuiltInCells.Find(cell)!, new DerivativeCheckOptions()).Run();

        Assert.Equal(16, results.Count);
        var failures = results.Where(result => !result.Passed).Select(result => $"{result.Name}: {result.MaxRelError:E2} > {result.Tolerance:E0}");
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Checks_pass_at_other_sizes_and_seeds(string cell)
    {
        var options = new DerivativeCheckOptions { N = 7, InputSize = 2, K = 4, Batch = 2, Seed = 99, Gain = 1.5 };
        var results = new DerivativeChecks(BuiltInCells.Find(cell)!, options).Run();

        Assert.All(results, result => Assert.True(result.Passed, $"{result.Name}: {result.MaxRelError:E2}"));
    }
}
