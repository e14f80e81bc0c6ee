namespace Verified;

/// <summary>A parameter's place in the flat parameter vector θ (matrices row-major).</summary>
public sealed record ParameterLayout(ParameterSpec Spec, int Rows, int Columns, int Offset)
{
    public int Length => Rows * Columns;
    public string Name => Spec.Name;
}

/// <summary>
/// A cell at fixed sizes: the concatenated state of size n (states in declaration order), the
/// input size and the flat parameter vector's layout.
/// </summary>
public sealed class CellLayout
{
    internal CellLayout(CellSpec spec, CellDimensions dimensions)
    {
        Spec = spec;
        Dimensions = dimensions;
        var offsets = new int[spec.States.Count];
        var stateSize = 0;
        for (var s = 0; s < offsets.Length; s++)
        {
            offsets[s] = stateSize;
            stateSize += spec.States[s].Size.Resolve(dimensions);
        }
        StateOffsets = offsets;
        StateSize = stateSize;
        InputSize = spec.Input?.Size.Resolve(dimensions) ?? 0;
        var parameters = new ParameterLayout[spec.Parameters.Count];
        var offset = 0;
        for (var p = 0; p < parameters.Length; p++)
        {
            var parameter = spec.Parameters[p];
            parameters[p] = new ParameterLayout(parameter, parameter.Rows.Resolve(dimensions), parameter.Columns.Resolve(dimensions), offset);
            offset += parameters[p].Length;
        }
        Parameters = parameters;
        ParameterCount = offset;
    }

    public CellSpec Spec { get; }
    public CellDimensions Dimensions { get; }

    /// <summary>n: the length of the concatenated state.</summary>
    public int StateSize { get; }
    public int InputSize { get; }
    public IReadOnlyList<int> StateOffsets { get; }
    public IReadOnlyList<ParameterLayout> Parameters { get; }
    public int ParameterCount { get; }

    public int Dimension(string name) => Dimensions[name];

    public ParameterLayout Parameter(string name) =>
        Parameters.FirstOrDefault(parameter => parameter.Name == name)
        ?? throw new ArgumentException($"cell {Spec.Name} has no parameter '{name}'", nameof(name));
}
