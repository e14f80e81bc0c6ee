using Verified.Initialisation;
using Verified.Random;

namespace Verified.Training;

/// <summary>
/// A generated cell with a linear readout and offset, o_t = W_out h_t + c, over the cell's whole
/// state. The model's parameter vector is [θ_cell, W_out (O×n, row-major), c (O)].
/// </summary>
public sealed class RecurrentModel
{
    public RecurrentModel(CellLayout cell, int outputSize)
    {
        Cell = cell;
        OutputSize = outputSize;
        ReadoutOffset = cell.ParameterCount;
        BiasOffset = ReadoutOffset + outputSize * cell.StateSize;
        ParameterCount = BiasOffset + outputSize;
    }

    public CellLayout Cell { get; }
    public int OutputSize { get; }
    public int ReadoutOffset { get; }
    public int BiasOffset { get; }
    public int ParameterCount { get; }

    /// <summary>Cell parameters from their declared initialisation (recurrent matrices optionally orthogonal instead), readout N(0, 1/n), offset zero.</summary>
    public double[] Initialize(double gain, Rng rng, Init? recurrent = null)
    {
        var theta = new double[ParameterCount];
        ParameterInitializer.Initialize(Cell, theta.AsSpan(0, Cell.ParameterCount), gain, rng, recurrent);
        rng.FillGaussian(theta.AsSpan(ReadoutOffset, OutputSize * Cell.StateSize), 0, 1 / Math.Sqrt(Cell.StateSize));
        return theta;
    }

    /// <summary>The parameter whose gradient's singular values are reported: the first square matrix acting on a state (W, or U_f of an LSTM).</summary>
    public ParameterLayout? RecurrentMatrix =>
        Cell.Parameters.FirstOrDefault(parameter => parameter.Spec.Kind == ParameterKind.Matrix && parameter.Rows == parameter.Columns
            && Cell.Spec.States.Any(state => state.Size == parameter.Spec.Columns));
}
