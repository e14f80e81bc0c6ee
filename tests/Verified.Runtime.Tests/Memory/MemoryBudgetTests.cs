using System.Globalization;
using Verified.MemoryLimits;
using Xunit;

namespace Verified.Runtime.Tests.Memory;

public sealed class MemoryBudgetTests
{
    /// <summary>Outside a container the GC's limit is the machine's whole memory; what a run may use is what the machine has free (MemAvailable), which other processes shrink.</summary>
    [Fact]
    public void The_memory_available_to_a_run_is_no_more_than_the_machine_has_available()
    {
        var available = MemoryBudget.Available;
        var machine = long.Parse(File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

        // MemAvailable moves between the two reads as other processes run: 256 MB of slack.
        Assert.True(available <= machine + (256L << 20), $"{available} bytes counted available, the machine has {machine}");
    }
}
