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

/// <summary>
/// A size: <see cref="Multiplier"/> × a dimension name chosen at run time ("N", "4*N"), or a fixed
/// integer when <see cref="Name"/> is null (its multiplier is then 1).
/// </summary>
internal readonly record struct SizeModel(string? Name, int Value, int Multiplier)
{
    public static SizeModel Named(string name) => new(name, 0, 1);
    public static SizeModel Multiple(int multiplier, string name) => new(name, 0, multiplier);
    public static SizeModel Fixed(int value) => new(null, value, 1);

    /// <summary>The size of each of <paramref name="count"/> equal blocks, or null when <paramref name="count"/> does not divide this size for every value of its dimension.</summary>
    public SizeModel? DividedBy(int count) =>
        Name is null ? (Value % count == 0 ? Fixed(Value / count) : null)
        : Multiplier % count == 0 ? Multiple(Multiplier / count, Name) : null;

    public override string ToString() =>
        Name is null ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Multiplier == 1 ? Name
        : Multiplier.ToString(System.Globalization.CultureInfo.InvariantCulture) + "*" + Name;
}

internal sealed record StateModel(string Name, SizeModel Size);

internal sealed record InputModel(string Name, SizeModel Size);

internal enum ParameterKind { Scalar, Vector, Matrix }

/// <summary>Initialisation as declared; <see cref="Kind"/> is the value of Verified.Init.</summary>
internal readonly record struct InitModel(int Kind, double Mean, double Scale, double Low, double High, double Value)
{
    /// <summary>The members of Verified.Init by value, as the generated code names them.</summary>
    public static readonly string[] Kinds = { "Auto", "RecurrentGaussian", "Gaussian", "Orthogonal", "Uniform", "Zeros", "Constant", "HiddenUniform" };

    public string KindName => Kinds[Kind];
}

internal sealed record ParameterModel(string Name, ParameterKind Kind, SizeModel Rows, SizeModel Columns, InitModel Init);
