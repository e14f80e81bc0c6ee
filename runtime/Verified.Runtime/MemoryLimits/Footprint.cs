namespace Verified.MemoryLimits;

/// <summary>
/// The large buffers one run of an algorithm holds at once, stated by the algorithm beside its
/// allocations (a static Footprint method of its class) and checked by <see cref="Require"/> before
/// any of them is made: by the algorithm itself, and by a caller that wants to refuse a run before other work.
/// </summary>
/// <param name="Run">The run in words ("flossing 5 exponents of lstm at n = 512 over 300 steps"), for the refusal.</param>
/// <param name="Buffers">Its buffers.</param>
public sealed record Footprint(string Run, IReadOnlyList<PlannedBuffer> Buffers)
{
    /// <summary>A footprint of the buffers listed.</summary>
    public Footprint(string run, params PlannedBuffer[] buffers) : this(run, (IReadOnlyList<PlannedBuffer>)buffers)
    {
    }

    /// <summary>The bytes of all its buffers.</summary>
    public long Bytes => Buffers.Sum(buffer => buffer.Bytes);

    /// <summary>This run holding, besides its own buffers, those of an algorithm it runs (named by this run).</summary>
    public Footprint With(Footprint inner) => new(Run, [.. Buffers, .. inner.Buffers]);

    /// <summary>This run holding more buffers of its own.</summary>
    public Footprint With(params PlannedBuffer[] buffers) => new(Run, [.. Buffers, .. buffers]);

    /// <summary>Refuses the run when a buffer exceeds an array or all of them the memory available (<see cref="MemoryBudget.Require"/>).</summary>
    /// <exception cref="ResourceLimitException">The run cannot fit.</exception>
    public void Require() => MemoryBudget.Require(Run, [.. Buffers]);
}
