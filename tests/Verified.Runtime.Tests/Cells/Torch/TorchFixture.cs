using System.Text.Json;
using Verified.Storage;

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

    public string ParameterPath => Path.Combine(Folder, Parameters);

    /// <summary>θ from the safetensors file through <see cref="ParameterFile"/>, as --params loads it: each tensor by its name, shape checked.</summary>
    public double[] Theta(CellLayout layout)
    {
        var theta = ParameterFile.Load(ParameterPath, layout, out var network);
        return network.Count == 0 ? theta : throw new InvalidDataException($"{Parameters} holds network tensors besides the state_dict");
    }
}
