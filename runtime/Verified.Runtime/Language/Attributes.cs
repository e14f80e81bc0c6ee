namespace Verified;

/// <summary>Marks a partial class as a recurrent cell declaration; the Verified generator emits its kernels.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecurrentCellAttribute : Attribute
{
    /// <summary>The name the cell is listed under (defaults to the class name).</summary>
    public string? Name { get; set; }
}

/// <summary>A state vector of the cell; its size is a dimension name ("N") or a fixed integer.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class StateAttribute : Attribute
{
    /// <summary>A state of the size of dimension <paramref name="size"/>, chosen at run time.</summary>
    public StateAttribute(string size) => Size = size;
    /// <summary>A state of fixed size <paramref name="size"/>.</summary>
    public StateAttribute(int size) => Size = size;
    /// <summary>The size as declared: a dimension name (string) or a fixed size (int).</summary>
    public object Size { get; }
}

/// <summary>The input vector x_{s+1} of the cell.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>An input of the size of dimension <paramref name="size"/>, chosen at run time.</summary>
    public InputAttribute(string size) => Size = size;
    /// <summary>An input of fixed size <paramref name="size"/>.</summary>
    public InputAttribute(int size) => Size = size;
    /// <summary>The size as declared: a dimension name (string) or a fixed size (int).</summary>
    public object Size { get; }
}

/// <summary>
/// A trained parameter: no size for a <see cref="Scalar"/>, one for a <see cref="Vec"/>, rows and
/// columns for a <see cref="Mat"/>. <see cref="Init"/> and its companions choose the initialisation.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>A scalar parameter.</summary>
    public ParameterAttribute() => Sizes = [];
    /// <summary>A vector parameter of the size of dimension <paramref name="size"/>.</summary>
    public ParameterAttribute(string size) => Sizes = [size];
    /// <summary>A vector parameter of fixed size <paramref name="size"/>.</summary>
    public ParameterAttribute(int size) => Sizes = [size];
    /// <summary>A matrix parameter whose rows and columns are dimension names.</summary>
    public ParameterAttribute(string rows, string columns) => Sizes = [rows, columns];
    /// <summary>A matrix parameter with named rows and a fixed number of columns.</summary>
    public ParameterAttribute(string rows, int columns) => Sizes = [rows, columns];
    /// <summary>A matrix parameter with a fixed number of rows and named columns.</summary>
    public ParameterAttribute(int rows, string columns) => Sizes = [rows, columns];
    /// <summary>A matrix parameter of fixed rows and columns.</summary>
    public ParameterAttribute(int rows, int columns) => Sizes = [rows, columns];
    /// <summary>The sizes as declared (none, one or two; each a dimension name or an int).</summary>
    public object[] Sizes { get; }

    /// <summary>The initialisation; <see cref="Verified.Init.Auto"/> by default.</summary>
    public Init Init { get; set; } = Init.Auto;
    /// <summary>Mean of a Gaussian initialisation.</summary>
    public double Mean { get; set; }
    /// <summary>Standard deviation of <see cref="Verified.Init.Gaussian"/>; multiplies g/√fan-in for <see cref="Verified.Init.RecurrentGaussian"/>.</summary>
    public double Scale { get; set; } = 1.0;
    /// <summary>Lower end of <see cref="Verified.Init.Uniform"/>.</summary>
    public double Low { get; set; } = -1.0;
    /// <summary>Upper end of <see cref="Verified.Init.Uniform"/>.</summary>
    public double High { get; set; } = 1.0;
    /// <summary>Value of <see cref="Verified.Init.Constant"/>.</summary>
    public double Value { get; set; }
}

/// <summary>Marks the scalar parameter that is the cell's time step Δt: exponents are then per unit time.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class TimeStepAttribute : Attribute;

/// <summary>Declares that an expression-bodied property is the new value of the named state.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class UpdateAttribute : Attribute
{
    /// <summary>The property is the new value of state <paramref name="state"/> (write <c>nameof(h)</c>).</summary>
    public UpdateAttribute(string state) => State = state;
    /// <summary>The name of the state this property updates.</summary>
    public string State { get; }
}
