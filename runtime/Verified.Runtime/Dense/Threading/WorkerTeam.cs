using System.Runtime.ExceptionServices;

namespace Verified.Dense.Threading;

/// <summary>
/// The threads one run lends its dense kernels: the calling thread and <see cref="Size"/> − 1 workers
/// that wait for chunked work. <see cref="Run"/> hands out chunk numbers from a shared counter, the
/// caller takes part, and it returns when every chunk is done; nothing is allocated per call, so the
/// kernels may call it every step. A failure in any chunk is rethrown on the caller.
/// </summary>
internal sealed class WorkerTeam : IDisposable
{
    private readonly Thread[] _workers;
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim _finished = new(false, SpinCount);
    private IChunkedWork? _work;
    private int _chunks;
    private int _next;
    private int _busyWorkers;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _disposed;

    /// <summary>
    /// Spins before a waiting thread blocks (the most <see cref="ManualResetEventSlim"/> takes): the dense kernels hand
    /// the team work every few tens of microseconds (a QR's panels, a step's products), and a thread that has blocked
    /// takes longer than that to wake on a virtual machine, so the team waits awake between them, as OpenMP's do.
    /// </summary>
    private const int SpinCount = 2047;

    /// <summary>A team of <paramref name="size"/> threads, the caller included (size ≥ 2).</summary>
    public WorkerTeam(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        Size = size;
        _workers = new Thread[size - 1];
        _start = new ManualResetEventSlim[size - 1];
        for (var i = 0; i < _workers.Length; i++)
        {
            _start[i] = new ManualResetEventSlim(false, SpinCount);
            // A large stack, as the main thread has: kernels use stackalloc.
            var start = _start[i];
            _workers[i] = new Thread(() => Work(start), 16 << 20) { IsBackground = true, Name = $"verified dense worker {i + 1}" };
            _workers[i].Start();
        }
    }

    /// <summary>Threads in the team, the caller included.</summary>
    public int Size { get; }

    /// <summary>
    /// Whether the team is running chunks: a kernel called inside a chunk on the calling thread then runs there alone
    /// (<see cref="DenseThreads.Team"/> is null meanwhile), as it does on the workers, instead of handing the busy team more work.
    /// </summary>
    public bool Running { get; private set; }

    /// <summary>Chunks handed out to the team (work of at least two chunks) so far: shows that work was cut to be shared.</summary>
    public long SharedChunks { get; private set; }

    /// <summary>Runs chunks 0 … <paramref name="chunks"/> − 1 of <paramref name="work"/> on the team and returns when all are done.</summary>
    public void Run(IChunkedWork work, int chunks)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (chunks <= 1)
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                work.Run(chunk);
            }
            return;
        }
        SharedChunks += chunks;
        var helpers = Math.Min(_workers.Length, chunks - 1);
        (_work, _chunks, _next, _failure) = (work, chunks, 0, null);
        _finished.Reset();
        Volatile.Write(ref _busyWorkers, helpers);
        for (var i = 0; i < helpers; i++)
        {
            _start[i].Set();
        }
        Running = true;
        try
        {
            Drain();
            _finished.Wait();
        }
        finally
        {
            Running = false;
            _work = null;
        }
        _failure?.Throw();
    }

    private void Work(ManualResetEventSlim start)
    {
        while (true)
        {
            start.Wait();
            start.Reset();
            if (_disposed)
            {
                return;
            }
            Drain();
            if (Interlocked.Decrement(ref _busyWorkers) == 0)
            {
                _finished.Set();
            }
        }
    }

    /// <summary>Takes chunks until none is left; after a failure the remaining chunks are skipped.</summary>
    private void Drain()
    {
        var work = _work!;
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < _chunks)
        {
            if (Volatile.Read(ref _failure) is not null)
            {
                continue;
            }
            try
            {
                work.Run(chunk);
            }
            catch (Exception failure)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(failure), null);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var start in _start)
        {
            start.Set();
        }
    }
}
