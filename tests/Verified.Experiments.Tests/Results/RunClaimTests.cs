using Verified.Experiments.Results;
using Verified.Storage;
using Xunit;

namespace Verified.Experiments.Tests.Results;

public sealed class RunClaimTests
{
    /// <summary>
    /// Claims taken and released on one run by many workers at once, as processes sharing a sweep folder do: a claim
    /// released between another's failed create and its look at the file, or read before its holder has written it,
    /// must neither fail nor let two workers hold the run together.
    /// </summary>
    [Fact]
    public void Claims_taken_and_released_by_many_workers_at_once_never_fail_and_never_overlap()
    {
        using var folder = new TemporaryFolder();
        var (holding, most, taken) = (0, 0, 0);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var workers = Enumerable.Range(0, 8).Select(worker => new Thread(() =>
        {
            try
            {
                for (var attempt = 0; attempt < 400; attempt++)
                {
                    using var claim = RunClaim.TryTake(folder, "run", out _);
                    if (claim is null)
                    {
                        continue;
                    }
                    Interlocked.Increment(ref taken);
                    var now = Interlocked.Increment(ref holding);
                    for (var seen = Volatile.Read(ref most); now > seen && Interlocked.CompareExchange(ref most, now, seen) != seen; seen = Volatile.Read(ref most))
                    {
                    }
                    Thread.SpinWait(50);
                    Interlocked.Decrement(ref holding);
                }
            }
            catch (Exception failed)
            {
                failures.Enqueue(failed);
            }
        })).ToList();

        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());

        Assert.Empty(failures);
        Assert.Equal(1, most);
        Assert.True(taken > 0);
        Assert.Equal("", string.Join(", ", Directory.GetFileSystemEntries(folder).Select(Path.GetFileName)));
    }
}
