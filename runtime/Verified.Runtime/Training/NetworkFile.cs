using Verified.Storage;

namespace Verified.Training;

/// <summary>
/// A trained network (cell, readout W_out and offset c, initial state h_0) as a parameter file, and
/// back: the cell's parameters under their declared names, the readout as
/// <see cref="ParameterFile.ReadoutWeight"/> (outputs × n), <see cref="ParameterFile.ReadoutBias"/>
/// (outputs) and h_0 as <see cref="ParameterFile.InitialState"/> (n).
/// </summary>
public static class NetworkFile
{
    /// <summary>Writes the model's whole θ.</summary>
    public static void Save(string path, RecurrentModel model, ReadOnlySpan<double> theta, bool single = false)
    {
        var (n, o) = (model.Cell.StateSize, model.OutputSize);
        ParameterFile.Save(path, model.Cell, theta[..model.Cell.ParameterCount], single,
        [
            new SafeTensor(ParameterFile.ReadoutWeight, "F64", [o, n], theta.Slice(model.ReadoutOffset, o * n).ToArray()),
            new SafeTensor(ParameterFile.ReadoutBias, "F64", [o], theta.Slice(model.BiasOffset, o).ToArray()),
            new SafeTensor(ParameterFile.InitialState, "F64", [n], theta.Slice(model.InitialStateOffset, n).ToArray()),
        ]);
    }

    /// <summary>
    /// Where training starts from a file: the cell's θ, and the readout, offset and h_0 where the file has them
    /// (the rest keep the initialiser's draw), each checked against the model's shapes.
    /// </summary>
    public static NetworkStart Load(string path, RecurrentModel model)
    {
        var (n, o) = (model.Cell.StateSize, model.OutputSize);
        var cell = ParameterFile.Load(path, model.Cell, out var network, new Dictionary<string, IReadOnlyList<long>>
        {
            [ParameterFile.ReadoutWeight] = [o, n],
            [ParameterFile.ReadoutBias] = [o],
            [ParameterFile.InitialState] = [n],
        });
        return new NetworkStart(cell, network.GetValueOrDefault(ParameterFile.ReadoutWeight)?.Values,
            network.GetValueOrDefault(ParameterFile.ReadoutBias)?.Values, network.GetValueOrDefault(ParameterFile.InitialState)?.Values);
    }
}

/// <summary>Values that replace the initialiser's draw at the start of training: the cell's θ, the readout W_out, its offset c, h_0 (each optional).</summary>
public sealed record NetworkStart(double[]? Cell = null, double[]? Readout = null, double[]? Offset = null, double[]? InitialState = null)
{
    /// <summary>Writes the given parts into the model's θ, checking each one's length.</summary>
    public void ApplyTo(RecurrentModel model, Span<double> theta)
    {
        static void Put(Span<double> theta, double[]? values, int offset, int length, string what)
        {
            if (values is null)
            {
                return;
            }
            if (values.Length != length)
            {
                throw new ArgumentException($"{what} has {values.Length} values, the network needs {length}");
            }
            values.CopyTo(theta.Slice(offset, length));
        }
        Put(theta, Cell, 0, model.Cell.ParameterCount, "the cell's θ");
        Put(theta, Readout, model.ReadoutOffset, model.OutputSize * model.Cell.StateSize, "the readout");
        Put(theta, Offset, model.BiasOffset, model.OutputSize, "the readout's offset");
        Put(theta, InitialState, model.InitialStateOffset, model.Cell.StateSize, "h0");
    }
}
