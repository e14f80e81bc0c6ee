using System.Numerics;

namespace Verified;

/// <summary>A declared state vector.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Size">Its size.</param>
public sealed record StateSpec(string Name, CellSize Size);

/// <summary>The declared input vector.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Size">Its size.</param>
public sealed record InputSpec(string Name, CellSize Size);

/// <summary>The shape of a parameter.</summary>
public enum ParameterKind
{
    /// <summary>One number (<see cref="Verified.Scalar"/>).</summary>
    Scalar,
    /// <summary>A vector (<see cref="Vec"/>).</summary>
    Vector,
    /// <summary>A matrix (<see cref="Mat"/>), stored row-major.</summary>
    Matrix,
}

/// <summary>A parameter's declared initialisation (see <see cref="Verified.Init"/>).</summary>
/// <param name="Kind">The initialisation.</param>
/// <param name="Mean">Mean of a Gaussian initialisation.</param>
/// <param name="Scale">Standard deviation of <see cref="Verified.Init.Gaussian"/>; factor of g/√fan-in for <see cref="Verified.Init.RecurrentGaussian"/>.</param>
/// <param name="Low">Lower end of <see cref="Verified.Init.Uniform"/>.</param>
/// <param name="High">Upper end of <see cref="Verified.Init.Uniform"/>.</param>
/// <param name="Value">Value of <see cref="Verified.Init.Constant"/>, and a scalar's declared default.</param>
public sealed record InitSpec(Init Kind, double Mean, double Scale, double Low, double High, double Value);

/// <summary>A declared parameter, before sizes are fixed.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Kind">Scalar, vector or matrix.</param>
/// <param name="Rows">Rows (a vector's length; 1 for a scalar).</param>
/// <param name="Columns">Columns (1 for a vector or a scalar).</param>
/// <param name="Init">The declared initialisation.</param>
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

    /// <summary>Called by the generated code; a user obtains a spec as the cell class's static <c>Spec</c>.</summary>
    /// <param name="name">The cell's name (<see cref="RecurrentCellAttribute.Name"/>).</param>
    /// <param name="states">The states in declaration order.</param>
    /// <param name="input">The input, or null for a cell without one.</param>
    /// <param name="parameters">The parameters in declaration order.</param>
    /// <param name="timeStep">The cell's time step Δt (a parameter or a constant), or null for a cell without one.</param>
    /// <param name="sourceHash">The declaration's hash (see <see cref="SourceHash"/>).</param>
    /// <param name="createDouble">Creates the double kernels for a layout.</param>
    /// <param name="createSingle">Creates the float kernels for a layout.</param>
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

    /// <summary>The cell's name ("vanilla-tanh").</summary>
    public string Name { get; }

    /// <summary>The states in declaration order; the state vector h is their concatenation.</summary>
    public IReadOnlyList<StateSpec> States { get; }

    /// <summary>The input, or null for a cell without one.</summary>
    public InputSpec? Input { get; }

    /// <summary>The parameters in declaration order; θ is their concatenation.</summary>
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

    /// <summary>The cell at the sizes <paramref name="dimensions"/> gives its dimension names.</summary>
    /// <exception cref="ArgumentException">A dimension the cell uses is not positive.</exception>
    /// <exception cref="MemoryLimits.ResourceLimitException">The state or parameter vector would not fit one array.</exception>
    public CellLayout Layout(CellDimensions dimensions) => new(this, dimensions);

    /// <summary>New kernels in element type <typeparamref name="T"/> (float or double) for <paramref name="layout"/>; use one instance per thread.</summary>
    /// <exception cref="ArgumentException"><paramref name="layout"/> belongs to another cell.</exception>
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

    /// <summary>The cell's name.</summary>
    public override string ToString() => Name;
}
