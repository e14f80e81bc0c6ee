namespace Verified;

/// <summary>
/// The run-time values of a cell's dimension names ("N", "I", ...). A value may be 0 for a
/// dimension the cell does not use (the input size of a cell without input); every dimension a
/// cell uses must be positive when its <see cref="CellSpec.Layout"/> is formed.
/// </summary>
public sealed class CellDimensions
{
    private readonly Dictionary<string, int> _values;

    /// <summary>Dimensions from explicit name–value pairs; a name not given takes the value of "N".</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public CellDimensions(IReadOnlyDictionary<string, int> values)
    {
        foreach (var (name, value) in values)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(values), $"dimension {name} must not be negative, not {value}");
            }
        }
        _values = new Dictionary<string, int>(values, StringComparer.Ordinal);
    }

    /// <summary>
    /// Hidden size N and input size I; any other dimension name defaults to N. An input size of 0
    /// suits a cell without input; a cell with an input of size "I" needs a positive one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive or <paramref name="inputSize"/> is negative.</exception>
    public static CellDimensions Of(int n, int inputSize = 1) =>
        n > 0
            ? new(new Dictionary<string, int> { ["N"] = n, ["I"] = inputSize })
            : throw new ArgumentOutOfRangeException(nameof(n), $"dimension N must be positive, not {n}");

    /// <summary>The value of dimension <paramref name="name"/>, or of "N" when it has none.</summary>
    /// <exception cref="KeyNotFoundException">Neither <paramref name="name"/> nor "N" has a value.</exception>
    public int this[string name] =>
        _values.TryGetValue(name, out var value) ? value
        : _values.TryGetValue("N", out var n) ? n
        : throw new KeyNotFoundException($"dimension '{name}' has no value");

    /// <summary>A copy with dimension <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public CellDimensions With(string name, int value) => new(new Dictionary<string, int>(_values) { [name] = value });

    /// <summary>The values as "I=1, N=32", names in ordinal order.</summary>
    public override string ToString() => string.Join(", ", _values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
