namespace Verified;

/// <summary>The run-time values of a cell's dimension names ("N", "I", ...).</summary>
public sealed class CellDimensions
{
    private readonly Dictionary<string, int> _values;

    public CellDimensions(IReadOnlyDictionary<string, int> values)
    {
        foreach (var (name, value) in values)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(values), $"dimension {name} must be positive, not {value}");
            }
        }
        _values = new Dictionary<string, int>(values, StringComparer.Ordinal);
    }

    /// <summary>Hidden size N and input size I; any other dimension name defaults to N.</summary>
    public static CellDimensions Of(int n, int inputSize = 1) => new(new Dictionary<string, int> { ["N"] = n, ["I"] = inputSize });

    public int this[string name] =>
        _values.TryGetValue(name, out var value) ? value
        : _values.TryGetValue("N", out var n) ? n
        : throw new KeyNotFoundException($"dimension '{name}' has no value");

    public CellDimensions With(string name, int value) => new(new Dictionary<string, int>(_values) { [name] = value });

    public override string ToString() => string.Join(", ", _values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
