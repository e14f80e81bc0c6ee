namespace Verified.Dense.Threading;

/// <summary>
/// How many threads the dense kernels (<see cref="Gemm"/>, the QR, and through them the tangent
/// products and the pullback) may use on the calling thread: one unless a scope from
/// <see cref="Use"/> says otherwise. Large products and factorisations are cut into chunks of a fixed
/// size, so every thread count gives the same numbers to the last bit (docs/design.md, "Threads");
/// small ones stay on the calling thread.
/// </summary>
public static class DenseThreads
{
    [ThreadStatic]
    private static WorkerTeam? _team;

    /// <summary>The threads the dense kernels may use on this thread (1 outside any scope).</summary>
    public static int Current => _team?.Size ?? 1;

    /// <summary>Chunks of products and factorisations handed to the team of the current scope so far (0 outside any): whether work was large enough to be shared.</summary>
    public static long SharedChunks => _team?.SharedChunks ?? 0;

    /// <summary>The team of the calling thread, or null when the kernels run on it alone: outside any scope, on a worker, and inside a chunk the team is running.</summary>
    internal static WorkerTeam? Team => _team is { Running: false } team ? team : null;

    /// <summary>
    /// Lets the dense kernels called on this thread use <paramref name="threads"/> threads until the
    /// returned scope is disposed (the worker threads are created here, once, not per product).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static IDisposable Use(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var scope = new Scope(_team, threads == 1 ? null : new WorkerTeam(threads));
        _team = scope.Team;
        return scope;
    }

    /// <summary>The share of this thread's threads for each of <paramref name="jobs"/> runs side by side (at least one).</summary>
    public static int ShareFor(int jobs) => Math.Max(1, Current / Math.Max(1, jobs));

    private sealed class Scope(WorkerTeam? outer, WorkerTeam? team) : IDisposable
    {
        private bool _disposed;

        public WorkerTeam? Team => team;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _team = outer;
            team?.Dispose();
        }
    }
}
