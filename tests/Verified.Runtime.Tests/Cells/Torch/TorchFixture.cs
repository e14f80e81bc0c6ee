using System.Text.Json;
using Verified.IO;

namespace Verified.Runtime.Tests.Cells.Torch;

/// <summary>
/// A fixture of make_fixtures.py: a torch.nn module's state_dict as safetensors, a start state, inputs,
/// the states torch computed from them and torch's Jacobian of the first step.
/// </summary>
public sealed record TorchFixture(
    string Cell,
    int N,
    int InputSize,
    string Parameters,
    double[] InitialState,
    double[][] Inputs,
    double[][] States,
    double[][] Jacobian)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Cells", "Torch");

    public static TorchFixture Load(string cell) =>
        JsonSerializer.Deserialize<TorchFixture>(File.ReadAllText(Path.Combine(Folder, cell + ".json")), Options)!;

    public CellLayout Layout => BuiltInCells.Find(Cell)!.Layout(CellDimensions.Of(N, InputSize));

    /// <summary>
    /// θ from the safetensors file, each tensor placed by its name at the offset of the parameter of
    /// that name, after checking that the file has exactly the layout's names with its shapes.
    /// </summary>
    public double[] Theta(CellLayout layout)
    {
        var (tensors, _) = SafeTensors.Read(Path.Combine(Folder, Parameters));
        var theta = new double[layout.ParameterCount];
        foreach (var parameter in layout.Parameters)
        {
            var tensor = tensors.TryGetValue(parameter.Name, out var found) ? found
                : throw new InvalidDataException($"{Parameters} has no tensor '{parameter.Name}'");
            long[] shape = parameter.Spec.Kind == ParameterKind.Matrix ? [parameter.Rows, parameter.Columns] : [parameter.Rows];
            if (!tensor.Shape.SequenceEqual(shape))
            {
                throw new InvalidDataException($"{Parameters}: tensor '{parameter.Name}' is {tensor.ShapeText}, the cell declares [{string.Join(", ", shape)}]");
            }
            tensor.Values.CopyTo(theta, parameter.Offset);
        }
        if (tensors.Count != layout.Parameters.Count)
        {
            throw new InvalidDataException($"{Parameters} has tensors the cell does not declare: {string.Join(", ", tensors.Keys.Except(layout.Parameters.Select(p => p.Name)))}");
        }
        return theta;
    }
}
