namespace Verified;

/// <summary>A parameter's place in the flat parameter vector θ (matrices row-major).</summary>
/// <param name="Spec">The declared parameter.</param>
/// <param name="Rows">Its rows at these sizes.</param>
/// <param name="Columns">Its columns at these sizes.</param>
/// <param name="Offset">The index of its first element in θ.</param>
public sealed record ParameterLayout(ParameterSpec Spec, int Rows, int Columns, int Offset)
{
    /// <summary>Its number of elements, Rows·Columns.</summary>
    public int Length => Rows * Columns;

    /// <summary>The parameter's name.</summary>
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
        foreach (var name in spec.DimensionNames)
        {
            if (dimensions[name] <= 0)
            {
                throw new ArgumentException($"cell {spec.Name} uses dimension {name}, which must be positive, not {dimensions[name]}", nameof(dimensions));
            }
        }
        Spec = spec;
        Dimensions = dimensions;
        // Sizes in 64-bit: a layout whose state or parameter vector cannot be one .NET array is refused, never wrapped around.
        var offsets = new int[spec.States.Count];
        var stateSize = 0L;
        for (var s = 0; s < offsets.Length; s++)
        {
            offsets[s] = (int)stateSize;
            stateSize = Fit(stateSize + spec.States[s].Size.ResolveWide(dimensions), spec, dimensions, "its state");
        }
        StateOffsets = offsets;
        StateSize = (int)stateSize;
        InputSize = (int)Fit(spec.Input?.Size.ResolveWide(dimensions) ?? 0, spec, dimensions, "its input");
        var parameters = new ParameterLayout[spec.Parameters.Count];
        var offset = 0L;
        for (var p = 0; p < parameters.Length; p++)
        {
            var parameter = spec.Parameters[p];
            var (rows, columns) = (parameter.Rows.ResolveWide(dimensions), parameter.Columns.ResolveWide(dimensions));
            var shape = $"parameter {parameter.Name} ({rows}×{columns})";
            // Each factor first, so that the product cannot overflow 64 bits.
            Fit(Fit(rows, spec, dimensions, shape) * Fit(columns, spec, dimensions, shape), spec, dimensions, shape);
            parameters[p] = new ParameterLayout(parameter, (int)rows, (int)columns, (int)offset);
            offset = Fit(offset + rows * columns, spec, dimensions, "its parameter vector");
        }
        Parameters = parameters;
        ParameterCount = (int)offset;
    }

    private static long Fit(long elements, CellSpec spec, CellDimensions dimensions, string what) =>
        elements <= Array.MaxLength
            ? elements
            : throw new MemoryLimits.ResourceLimitException(
                $"cell {spec.Name} at {dimensions}: {what} would have {elements:N0} elements, more than one array holds ({Array.MaxLength:N0})");

    /// <summary>The cell.</summary>
    public CellSpec Spec { get; }

    /// <summary>The sizes this layout was formed at.</summary>
    public CellDimensions Dimensions { get; }

    /// <summary>n: the length of the concatenated state.</summary>
    public int StateSize { get; }

    /// <summary>The input's length (0 for a cell without input).</summary>
    public int InputSize { get; }

    /// <summary>Where each state starts in the concatenated state, in declaration order.</summary>
    public IReadOnlyList<int> StateOffsets { get; }

    /// <summary>Each parameter's place in θ, in declaration order.</summary>
    public IReadOnlyList<ParameterLayout> Parameters { get; }

    /// <summary>The length of θ.</summary>
    public int ParameterCount { get; }

    /// <summary>The value of dimension <paramref name="name"/> ("N").</summary>
    public int Dimension(string name) => Dimensions[name];

    /// <summary>The parameter that is the time step Δt; null for a constant time step or none.</summary>
    public ParameterLayout? TimeStepParameter => Spec.TimeStep?.Parameter is { } index ? Parameters[index] : null;

    /// <summary>Δt at θ (the time-step parameter's value, or the constant); null for a cell without a time step.</summary>
    public double? TimeStep<T>(ReadOnlySpan<T> theta) where T : System.Numerics.INumberBase<T> =>
        TimeStepParameter is { } parameter ? double.CreateTruncating(theta[parameter.Offset]) : Spec.TimeStep?.Constant;

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The cell has no such parameter.</exception>
    public ParameterLayout Parameter(string name) =>
        Parameters.FirstOrDefault(parameter => parameter.Name == name)
        ?? throw new ArgumentException($"cell {Spec.Name} has no parameter '{name}'", nameof(name));
}
