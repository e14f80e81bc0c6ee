namespace Verified.Generators.Model;

/// <summary>
/// Everything the emitter needs to know about one cell, with value equality and no Roslyn objects,
/// so that an edit elsewhere in the compilation leaves the cell's output cached.
/// </summary>
internal sealed record CellModel(
    string? Namespace,
    string ClassName,
    string CellName,
    EquatableArray<StateModel> States,
    InputModel? Input,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<NodeModel> Nodes,
    EquatableArray<int> UpdateNodes,
    TimeStepModel? TimeStep,
    string SourceHash);

/// <summary>The [TimeStep]: the scalar parameter at index <see cref="Parameter"/>, or, when it is −1, the constant <see cref="Constant"/>.</summary>
internal readonly record struct TimeStepModel(int Parameter, double Constant)
{
    public static TimeStepModel OfParameter(int index) => new(index, 0);
    public static TimeStepModel OfConstant(double value) => new(-1, value);
}

/// <summary>A size: a dimension name chosen at run time, or a fixed integer when <see cref="Name"/> is null.</summary>
internal readonly record struct SizeModel(string? Name, int Value)
{
    public static SizeModel Named(string name) => new(name, 0);
    public static SizeModel Fixed(int value) => new(null, value);
    public override string ToString() => Name ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record StateModel(string Name, SizeModel Size);

internal sealed record InputModel(string Name, SizeModel Size);

internal enum ParameterKind { Scalar, Vector, Matrix }

/// <summary>Initialisation as declared; <see cref="Kind"/> is the value of Verified.Init.</summary>
internal readonly record struct InitModel(int Kind, double Mean, double Scale, double Low, double High, double Value);

internal sealed record ParameterModel(string Name, ParameterKind Kind, SizeModel Rows, SizeModel Columns, InitModel Init);
