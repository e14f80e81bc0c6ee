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
    public StateAttribute(string size) => Size = size;
    public StateAttribute(int size) => Size = size;
    public object Size { get; }
}

/// <summary>The input vector x_{s+1} of the cell.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    public InputAttribute(string size) => Size = size;
    public InputAttribute(int size) => Size = size;
    public object Size { get; }
}

/// <summary>
/// A trained parameter: no size for a <see cref="Scalar"/>, one for a <see cref="Vec"/>, rows and
/// columns for a <see cref="Mat"/>. <see cref="Init"/> and its companions choose the initialisation.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
    public ParameterAttribute() => Sizes = [];
    public ParameterAttribute(string size) => Sizes = [size];
    public ParameterAttribute(int size) => Sizes = [size];
    public ParameterAttribute(string rows, string columns) => Sizes = [rows, columns];
    public ParameterAttribute(string rows, int columns) => Sizes = [rows, columns];
    public ParameterAttribute(int rows, string columns) => Sizes = [rows, columns];
    public ParameterAttribute(int rows, int columns) => Sizes = [rows, columns];
    public object[] Sizes { get; }

    public Init Init { get; set; } = Init.Auto;
    /// <summary>Mean of a Gaussian initialisation.</summary>
    public double Mean { get; set; }
    /// <summary>Standard deviation of <see cref="Verified.Init.Gaussian"/>; multiplies g/√fan-in for <see cref="Verified.Init.RecurrentGaussian"/>.</summary>
    public double Scale { get; set; } = 1.0;
    public double Low { get; set; } = -1.0;
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
    public UpdateAttribute(string state) => State = state;
    public string State { get; }
}
