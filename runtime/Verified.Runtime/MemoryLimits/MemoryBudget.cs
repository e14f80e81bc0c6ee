using System.Globalization;

namespace Verified.MemoryLimits;

/// <summary>One buffer a run will hold: its name, its elements and the bytes of one element.</summary>
/// <param name="Name">What the buffer holds ("tape").</param>
/// <param name="Elements">Its elements.</param>
/// <param name="ElementBytes">Bytes per element.</param>
public readonly record struct PlannedBuffer(string Name, long Elements, int ElementBytes)
{
    private readonly long? _longestArray;

    /// <summary>Its size in bytes.</summary>
    public long Bytes => Elements * ElementBytes;

    /// <summary>Elements of its longest array, where it is several arrays; all of them where it is one.</summary>
    public long LongestArray
    {
        get => _longestArray ?? Elements;
        init => _longestArray = value;
    }
}

/// <summary>
/// The memory a run will need, from its layout, checked before any work: every buffer must be one
/// array (at most <see cref="Array.MaxLength"/> elements), and their sum must fit in the memory
/// this process may use (the GC's limit, which follows a container's or DOTNET_GCHeapHardLimit's
/// cap, and on Linux what an address-space limit, ulimit -v, leaves of it, and the memory the
/// machine has available). The estimate counts the large buffers only (the kernels' scratch is of the order of one
/// state batch), so it is a lower bound: a run it refuses cannot fit.
/// </summary>
public static class MemoryBudget
{
    /// <summary>The bytes this process may still allocate: the GC's limit, the address space left or the machine's memory not in use, whichever is smallest.</summary>
    public static long Available => Math.Min(Math.Min(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, AddressSpaceLeft()), MachineMemoryAvailable());

    /// <summary>
    /// MemAvailable of /proc/meminfo: the memory the machine can give without swapping. The GC's limit is the machine's
    /// whole memory outside a container, so a run that needs nearly all of it while other processes hold some would
    /// pass that limit and then thrash; unlimited where the file is missing.
    /// </summary>
    private static long MachineMemoryAvailable()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemAvailable:", StringComparison.Ordinal));
            return line is null ? long.MaxValue : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or FormatException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>RLIMIT_AS less the address space in use (/proc/self/limits and /proc/self/status); unlimited elsewhere.</summary>
    private static long AddressSpaceLeft()
    {
        try
        {
            var limit = File.ReadLines("/proc/self/limits").FirstOrDefault(line => line.StartsWith("Max address space", StringComparison.Ordinal))?
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
            if (limit is null || !long.TryParse(limit, out var bytes))
            {
                return long.MaxValue;
            }
            var size = File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmSize:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return Math.Max(0, bytes - long.Parse(size, CultureInfo.InvariantCulture) * 1024);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>Refuses <paramref name="run"/> when a buffer exceeds an array or all of them the memory available.</summary>
    /// <exception cref="ResourceLimitException">The run cannot fit; the message names its estimate and the limit.</exception>
    public static void Require(string run, params PlannedBuffer[] buffers)
    {
        foreach (var buffer in buffers)
        {
            if (buffer.Elements < 0 || buffer.LongestArray > Array.MaxLength)
            {
                throw new ResourceLimitException(string.Create(CultureInfo.InvariantCulture,
                    $"{run}: the {buffer.Name} would have {buffer.LongestArray:N0} elements, more than one array holds ({Array.MaxLength:N0})"));
            }
        }
        var total = buffers.Sum(buffer => buffer.Bytes);
        if (total > Available)
        {
            var largest = buffers.MaxBy(buffer => buffer.Bytes);
            throw new ResourceLimitException(string.Create(CultureInfo.InvariantCulture,
                $"{run} needs at least {Gigabytes(total)} of memory (the {largest.Name} alone {Gigabytes(largest.Bytes)}), more than the {Gigabytes(Available)} available"));
        }
    }

    /// <summary>n·m, or a count past any array when the product overflows.</summary>
    public static long Product(params long[] factors)
    {
        var product = 1L;
        foreach (var factor in factors)
        {
            if (factor != 0 && product > long.MaxValue / Math.Abs(factor))
            {
                return long.MaxValue / 8;
            }
            product *= factor;
        }
        return product;
    }

    private static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:F2} GB");
}
