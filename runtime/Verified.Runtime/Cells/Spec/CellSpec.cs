using System.Numerics;

namespace Verified;

public sealed record StateSpec(string Name, CellSize Size);

public sealed record InputSpec(string Name, CellSize Size);

public enum ParameterKind { Scalar, Vector, Matrix }

/// <summary>A parameter's declared initialisation (see <see cref="Verified.Init"/>).</summary>
public sealed record InitSpec(Init Kind, double Mean, double Scale, double Low, double High, double Value);

public sealed record ParameterSpec(string Name, ParameterKind Kind, CellSize Rows, CellSize Columns, InitSpec Init);

/// <summary>
/// The cell's time step Δt, declared by [TimeStep]: a scalar parameter (<see cref="Parameter"/>) or a
/// numeric constant (<see cref="Constant"/>). Exponents of a cell with a time step are per unit time.
/// </summary>
public sealed record TimeStepSpec
{
    private TimeStepSpec(int? parameter, double? constant) => (Parameter, Constant) = (parameter, constant);

    /// <summary>Δt is the scalar parameter at this index of <see cref="CellSpec.Parameters"/>.</summary>
    public static TimeStepSpec FromParameter(int index) => new(index, null);

    /// <summary>Δt is a constant of the declaration.</summary>
    public static TimeStepSpec FromConstant(double value) => new(null, value);

    /// <summary>Index of the parameter that is Δt; null for a constant time step.</summary>
    public int? Parameter { get; }

    /// <summary>Δt when it is a constant; null for a parameter.</summary>
    public double? Constant { get; }
}

/// <summary>
/// What the generator knows about a cell, independent of sizes: its states, input, parameters and
/// kernel factories. <see cref="Layout"/> fixes the sizes; the kernels are then created for it.
/// </summary>
public sealed class CellSpec
{
    private readonly Func<CellLayout, CellKernels<double>> _createDouble;
    private readonly Func<CellLayout, CellKernels<float>> _createSingle;

    public CellSpec(
        string name,
        StateSpec[] states,
        InputSpec? input,
        ParameterSpec[] parameters,
        TimeStepSpec? timeStep,
        string sourceHash,
        Func<CellLayout, CellKernels<double>> createDouble,
        Func<CellLayout, CellKernels<float>> createSingle)
    {
        Name = name;
        States = states;
        Input = input;
        Parameters = parameters;
        TimeStep = timeStep;
        SourceHash = sourceHash;
        _createDouble = createDouble;
        _createSingle = createSingle;
    }

    public string Name { get; }
    public IReadOnlyList<StateSpec> States { get; }
    public InputSpec? Input { get; }
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The time step Δt, or null for a cell whose exponents are per step.</summary>
    public TimeStepSpec? TimeStep { get; }

    /// <summary>SHA-256 (128 bits, hex) of the declaration's tokens: changes with any edit to the cell, not with its formatting.</summary>
    public string SourceHash { get; }

    /// <summary>The dimension names the declaration uses, in order of first use.</summary>
    public IReadOnlyList<string> DimensionNames =>
        States.Select(state => state.Size)
            .Concat(Input is null ? [] : [Input.Size])
            .Concat(Parameters.SelectMany(parameter => new[] { parameter.Rows, parameter.Columns }))
            .Where(size => size.Name is not null)
            .Select(size => size.Name!)
            .Distinct()
            .ToArray();

    public CellLayout Layout(CellDimensions dimensions) => new(this, dimensions);

    public CellKernels<T> CreateKernels<T>(CellLayout layout) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (layout.Spec != this)
        {
            throw new ArgumentException($"the layout belongs to cell {layout.Spec.Name}, not {Name}", nameof(layout));
        }
        if (typeof(T) == typeof(double))
        {
            return (CellKernels<T>)(object)_createDouble(layout);
        }
        if (typeof(T) == typeof(float))
        {
            return (CellKernels<T>)(object)_createSingle(layout);
        }
        throw new NotSupportedException($"cells are generated for float and double, not {typeof(T).Name}");
    }

    public override string ToString() => Name;
}
