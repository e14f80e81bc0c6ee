namespace Verified.Experiments.Execution;

/// <summary>
/// Runs independent pieces of work on J threads, each taking the next piece in order when it is
/// free. A piece's result depends only on the piece (every run seeds its own generators and owns
/// its buffers), so the results are those of J = 1, whatever J. Each run's dense kernels get an equal
/// share of the threads the caller's kernels may use (<see cref="Dense.Threading.DenseThreads"/>). The first failure stops the
/// dispatch of new pieces; running ones finish, and the failure is rethrown.
/// </summary>
public static class ParallelRuns
{
    /// <summary>Calls <paramref name="work"/> on every piece, <paramref name="jobs"/> at a time, and rethrows the first failure.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static void Execute<T>(IReadOnlyList<T> pieces, int jobs, Action<T> work, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        if (jobs == 1 || pieces.Count <= 1)
        {
            foreach (var piece in pieces)
            {
                cancellation.ThrowIfCancellationRequested();
                work(piece);
            }
            return;
        }
        var next = -1;
        Exception? failure = null;
        // Each run's dense kernels get an equal share of the caller's threads (docs/design.md, "Threads").
        var share = Dense.Threading.DenseThreads.ShareFor(Math.Min(jobs, pieces.Count));
        void Worker()
        {
            using var threads = Dense.Threading.DenseThreads.Use(share);
            while (Volatile.Read(ref failure) is null && !cancellation.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= pieces.Count)
                {
                    return;
                }
                try
                {
                    work(pieces[index]);
                }
                catch (Exception thrown)
                {
                    Interlocked.CompareExchange(ref failure, thrown, null);
                }
            }
        }
        // Threads of their own with a large stack, as the main thread has: kernels use stackalloc.
        var threads = Enumerable.Range(0, Math.Min(jobs, pieces.Count))
            .Select(_ => new Thread(Worker, maxStackSize: 16 << 20) { IsBackground = true })
            .ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        cancellation.ThrowIfCancellationRequested();
    }
}
