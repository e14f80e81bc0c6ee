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

        // Up to three pairs of runs: a run on a loaded host once allocated a few KB fewer than its shorter twin (the
        // runtime's own bookkeeping on the thread), while an allocation in the epoch loop shows in every pair.
        var pairs = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var short_ = Allocated(epochs, epochs);
            var long_ = Allocated(2 * epochs, 2 * epochs);
            if (long_ == short_)
            {
                return;
            }
            pairs.Add($"{short_:N0} bytes for {epochs} epochs, {long_:N0} for {2 * epochs}: {(long_ - short_) / (double)epochs:F1} bytes an epoch");
        }
        Assert.Fail(string.Join("; ", pairs));
    }

    /// <summary>The check sees an allocation an epoch: evaluating every epoch (a record each) does allocate per epoch.</summary>
    [Fact]
    public void Evaluating_every_epoch_is_seen_as_allocation()
    {
        const int epochs = 200;
        Allocated(epochs, 1);

        Assert.True(Allocated(2 * epochs, 1) - Allocated(epochs, 1) >= epochs * 24);
    }
}
