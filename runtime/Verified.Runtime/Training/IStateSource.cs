namespace Verified.Training;

/// <summary>The states of a forward pass over a batch, read back one sequence at a time (what a penalty on the one-step Jacobians needs).</summary>
public interface IStateSource
{
    /// <summary>Copies h_t of sequence <paramref name="sequence"/> into <paramref name="state"/> (n values).</summary>
    void CopyState(int t, int sequence, Span<double> state);
}
