using System.Globalization;

namespace Verified.Storage;

/// <summary>
/// A network's parameters θ as a safetensors file: one tensor per declared parameter of the cell,
/// under its declared name and shape (a matrix [rows, columns], a vector [rows], a scalar []),
/// F64 or F32; a trained network adds its readout (<see cref="ReadoutWeight"/>, <see cref="ReadoutBias"/>)
/// and initial state (<see cref="InitialState"/>). The header's metadata names the cell, its source
/// hash, the dimensions and the Verified version. Loading checks every tensor against the cell's
/// layout (missing, unknown, of another shape or type, non-finite) and refuses a mismatch naming it,
/// so that a file made by <c>torch</c> or <c>numpy</c> with the same names loads unchanged.
/// </summary>
public static class ParameterFile
{
    /// <summary>The readout W_out (outputs × n) of a trained network.</summary>
    public const string ReadoutWeight = "readout.weight";

    /// <summary>The readout's offset c (outputs) of a trained network.</summary>
    public const string ReadoutBias = "readout.bias";

    /// <summary>The initial state h_0 (n): learned in training, or a starting state for a trajectory.</summary>
    public const string InitialState = "h0";

    /// <summary>Tensors a file may hold besides the cell's parameters.</summary>
    public static readonly IReadOnlyList<string> NetworkTensors = [ReadoutWeight, ReadoutBias, InitialState];

    /// <summary>Writes the cell's parameters (the first <see cref="CellLayout.ParameterCount"/> values of <paramref name="theta"/>) and any <paramref name="extra"/> tensors, in F64 or F32.</summary>
    public static void Save(string path, CellLayout layout, ReadOnlySpan<double> theta, bool single = false, IReadOnlyList<SafeTensor>? extra = null)
    {
        var dtype = single ? "F32" : "F64";
        var values = theta.ToArray();
        var tensors = layout.Parameters
            .Select(parameter => new SafeTensor(parameter.Name, dtype, ShapeOf(parameter), values[parameter.Offset..(parameter.Offset + parameter.Length)]))
            .Concat((extra ?? []).Select(tensor => tensor with { DType = dtype }))
            .ToList();
        SafeTensors.Write(path, tensors, new Dictionary<string, string>
        {
            ["format"] = "verified-parameters",
            ["cell"] = layout.Spec.Name,
            ["cellSource"] = layout.Spec.SourceHash,
            ["dimensions"] = layout.Dimensions.ToString(),
            ["stateSize"] = layout.StateSize.ToString(CultureInfo.InvariantCulture),
            ["verified"] = ResultJson.Version,
        });
    }

    /// <summary>
    /// The cell's θ from the file, checked tensor by tensor against <paramref name="layout"/>, and the file's
    /// network tensors (readout, h0) by name, each checked against <paramref name="networkShapes"/> where it gives one;
    /// h0 has n values whatever the command (the rule of <see cref="LoadInitialState"/>).
    /// </summary>
    public static double[] Load(string path, CellLayout layout, out IReadOnlyDictionary<string, SafeTensor> network,
        IReadOnlyDictionary<string, IReadOnlyList<long>>? networkShapes = null)
    {
        var (tensors, _) = SafeTensors.Read(path);
        var unknown = tensors.Keys.Where(name => layout.Parameters.All(parameter => parameter.Name != name) && !NetworkTensors.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ParameterFileException(path, $"holds tensor '{unknown[0]}', which cell {layout.Spec.Name} does not have (its parameters: {string.Join(", ", layout.Parameters.Select(parameter => parameter.Name))})");
        }
        var theta = new double[layout.ParameterCount];
        foreach (var parameter in layout.Parameters)
        {
            if (!tensors.TryGetValue(parameter.Name, out var tensor))
            {
                throw new ParameterFileException(path, $"has no tensor '{parameter.Name}', a parameter of cell {layout.Spec.Name}");
            }
            Check(path, tensor, ShapeOf(parameter), $"parameter {parameter.Name} of cell {layout.Spec.Name} at {layout.Dimensions}");
            tensor.Values.CopyTo(theta.AsSpan(parameter.Offset, parameter.Length));
        }
        var found = new Dictionary<string, SafeTensor>();
        foreach (var name in NetworkTensors.Where(tensors.ContainsKey))
        {
            var tensor = tensors[name];
            var shape = networkShapes is not null && networkShapes.TryGetValue(name, out var given) ? given
                : name == InitialState ? [layout.StateSize] : null;
            Check(path, tensor, shape, name);
            found[name] = tensor;
        }
        network = found;
        return theta;
    }

    /// <summary>The initial state h_0 (<see cref="InitialState"/>, n values) from a file: a file of its own or a trained network's.</summary>
    public static double[] LoadInitialState(string path, int stateSize)
    {
        var (tensors, _) = SafeTensors.Read(path);
        if (!tensors.TryGetValue(InitialState, out var tensor))
        {
            throw new ParameterFileException(path, $"has no tensor '{InitialState}' (the initial state; it holds {string.Join(", ", tensors.Keys.Order(StringComparer.Ordinal))})");
        }
        Check(path, tensor, [stateSize], $"the initial state of a state of size {stateSize}");
        return tensor.Values;
    }

    /// <summary>
    /// The cell's dimensions as the file's tensors give them: each named size of a declared parameter is read off
    /// its tensor's shape, divided by the size's multiplier (a stacked "4*N" of 20 rows gives N = 5; all sizes of one
    /// name must agree); null for a name no tensor shows.
    /// </summary>
    public static IReadOnlyDictionary<string, int> DimensionsIn(string path, CellSpec spec)
    {
        var (tensors, _) = SafeTensors.Read(path);
        var found = new Dictionary<string, (int Value, string Tensor)>(StringComparer.Ordinal);
        foreach (var parameter in spec.Parameters)
        {
            if (!tensors.TryGetValue(parameter.Name, out var tensor))
            {
                continue;
            }
            var sizes = parameter.Kind switch
            {
                ParameterKind.Matrix => [parameter.Rows, parameter.Columns],
                ParameterKind.Vector => new[] { parameter.Rows },
                _ => [],
            };
            if (tensor.Shape.Count != sizes.Length)
            {
                continue;
            }
            for (var axis = 0; axis < sizes.Length; axis++)
            {
                if (sizes[axis].Name is not { } name || tensor.Shape[axis] <= 0 || tensor.Shape[axis] > int.MaxValue)
                {
                    continue;
                }
                if (tensor.Shape[axis] % sizes[axis].Multiplier != 0)
                {
                    throw new ParameterFileException(path, $"tensor '{parameter.Name}' has shape {tensor.ShapeText}, but its axis {axis} is declared {sizes[axis]}, and {tensor.Shape[axis]} is not a multiple of {sizes[axis].Multiplier}");
                }
                var value = (int)(tensor.Shape[axis] / sizes[axis].Multiplier);
                if (found.TryGetValue(name, out var earlier) && earlier.Value != value)
                {
                    throw new ParameterFileException(path, $"gives dimension {name} = {earlier.Value} through tensor '{earlier.Tensor}' but {value} through tensor '{parameter.Name}'");
                }
                found.TryAdd(name, (value, parameter.Name));
            }
        }
        return found.ToDictionary(entry => entry.Key, entry => entry.Value.Value, StringComparer.Ordinal);
    }

    /// <summary>A parameter's shape as safetensors writes it: [rows, columns] for a matrix, [rows] for a vector, [] for a scalar.</summary>
    public static IReadOnlyList<long> ShapeOf(ParameterLayout parameter) => parameter.Spec.Kind switch
    {
        ParameterKind.Matrix => [parameter.Rows, parameter.Columns],
        ParameterKind.Vector => [parameter.Rows],
        _ => [],
    };

    private static void Check(string path, SafeTensor tensor, IReadOnlyList<long>? shape, string what)
    {
        if (shape is not null && !tensor.Shape.SequenceEqual(shape))
        {
            throw new ParameterFileException(path, $"tensor '{tensor.Name}' has shape {tensor.ShapeText}, but {what} has shape [{string.Join(", ", shape)}]");
        }
        var bad = Array.FindIndex(tensor.Values, value => !double.IsFinite(value));
        if (bad >= 0)
        {
            throw new ParameterFileException(path, $"tensor '{tensor.Name}' holds a non-finite value ({tensor.Values[bad].ToString(CultureInfo.InvariantCulture)} at element {bad})");
        }
    }
}
