namespace Verified.Training.Tasks;

/// <summary>
/// One sequence of a batch read in place: value k = t·I + i (input i at step t) of sequence j sits
/// at inputs[k·b + j] in the batch's feature-major layout, so a task's targets read it without a copy.
/// </summary>
public readonly ref struct SequenceView
{
    private readonly ReadOnlySpan<double> _inputs;
    private readonly int _batch, _sequence;

    /// <summary>Sequence <paramref name="sequence"/> of the <paramref name="batch"/> sequences whose inputs are <paramref name="inputs"/>.</summary>
    public SequenceView(ReadOnlySpan<double> inputs, int batch, int sequence)
    {
        _inputs = inputs;
        (_batch, _sequence) = (batch, sequence);
    }

    /// <summary>Value k = t·I + i of the sequence: its input i at step t.</summary>
    public double this[int k] => _inputs[k * _batch + _sequence];
}
