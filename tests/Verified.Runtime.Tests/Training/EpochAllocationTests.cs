using Verified.Training;
using Xunit;

namespace Verified.Runtime.Tests.Training;

/// <summary>
/// A training epoch allocates nothing: runs of E and 2E epochs, each evaluated only at its first
/// and last epoch, allocate the same bytes, so the E extra epochs (batch, BPTT, Adam) allocated none.
/// Allocation in the epoch loop would make two runs side by side (--jobs 2) stop for each other's
/// garbage collections.
/// </summary>
public sealed class EpochAllocationTests
{
    private static CellSpec Tanh => BuiltInCells.Find("vanilla-tanh")!;

    private static long Allocated(int epochs, int evalEvery)
    {
        var options = new TrainOptions { Task = "copy", Delay = 3, Steps = 20, Batch = 4, TestBatch = 4, Epochs = epochs, EvalEvery = evalEvery };
        var before = GC.GetAllocatedBytesForCurrentThread();
        Trainer.Run(Tanh, 8, options);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Training_epochs_between_evaluations_allocate_nothing()
    {
        const int epochs = 200;
        Allocated(epochs, epochs);

        // Up to three pairs of runs. On a loaded host the runtime's own bookkeeping on the thread moves a pair by a few
        // hundred bytes either way (−180 to +440 seen over 200 epochs); the smallest object is 24 bytes, so an allocation
        // in the epoch loop, even every fourth epoch, adds at least 24 · epochs / 4 = 1 200 bytes to the longer run.
        const long noise = 24L * epochs / 4;
        var pairs = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var short_ = Allocated(epochs, epochs);
            var long_ = Allocated(2 * epochs, 2 * epochs);
            if (Math.Abs(long_ - short_) < noise)
            {
                return;
            }
            pairs.Add($"{short_:N0} bytes for {epochs} epochs, {long_:N0} for {2 * epochs}: {(long_ - short_) / (double)epochs:F1} bytes an epoch");
        }
        Assert.Fail(string.Join("; ", pairs));
    }

    /// <summary>The check sees an allocation every epoch, and one every fourth: evaluations (a record each) allocate that often.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Evaluating_every_few_epochs_is_seen_as_allocation(int every)
    {
        const int epochs = 200;
        Allocated(epochs, every);

        Assert.True(Allocated(2 * epochs, every) - Allocated(epochs, every) >= 24L * epochs / every);
    }
}
