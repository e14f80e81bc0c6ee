using Verified.Dense;
using Verified.Initialisation;
using Verified.Randomness;

namespace Verified.Training;

/// <summary>
/// A generated cell with a linear readout and offset, o_t = W_out h_t + c, over the cell's whole
/// state, and a learned initial state h_0 shared by every sequence (the author's code learns h_0
/// too). The model's parameter vector is [θ_cell, W_out (O×n, row-major), c (O), h_0 (n)].
/// </summary>
public sealed class RecurrentModel
{
    /// <summary>Input-free steps that relax the initial state from N(0, 1) onto the network's attractor, as the author's code does.</summary>
    public const int RelaxationSteps = 100;

    /// <summary>The offset c of the author's code (`offset = 0.001`).</summary>
    public const double AuthorCodeOffset = 0.001;

    /// <summary>The cell <paramref name="cell"/> with a readout of <paramref name="outputSize"/> outputs.</summary>
    public RecurrentModel(CellLayout cell, int outputSize)
    {
        Cell = cell;
        OutputSize = outputSize;
        ReadoutOffset = cell.ParameterCount;
        BiasOffset = ReadoutOffset + outputSize * cell.StateSize;
        InitialStateOffset = BiasOffset + outputSize;
        ParameterCount = InitialStateOffset + cell.StateSize;
    }

    /// <summary>The cell at its sizes; its θ comes first in the model's parameters.</summary>
    public CellLayout Cell { get; }

    /// <summary>Outputs O per step.</summary>
    public int OutputSize { get; }

    /// <summary>Where W_out (O×n, row-major) starts.</summary>
    public int ReadoutOffset { get; }

    /// <summary>Where the offset c (O) starts.</summary>
    public int BiasOffset { get; }

    /// <summary>Where h_0 (n) starts.</summary>
    public int InitialStateOffset { get; }

    /// <summary>The length of [θ_cell, W_out, c, h_0].</summary>
    public int ParameterCount { get; }

    /// <summary>
    /// Cell parameters from their declared initialisation (recurrent matrices optionally orthogonal
    /// instead), readout N(0, 1/n), offset zero, and h_0 drawn from N(0, 1) and relaxed for
    /// <see cref="RelaxationSteps"/> input-free steps. <see cref="ModelInit.AuthorCode"/> draws the
    /// readout N(0, 1) instead (the same draws, scaled by √n), sets the offset to 0.001 and draws every
    /// bias vector of the cell from U(0, 0.1) with <paramref name="biasRng"/>, before h_0 is relaxed.
    /// <see cref="InputWeightInit.AuthorCode"/> scales the input weights by 1/√I after their draw.
    /// </summary>
    public double[] Initialise(double gain, Rng rng, Init? recurrent = null, ModelInit init = ModelInit.Verified, Rng? biasRng = null,
        InputWeightInit inputWeights = InputWeightInit.Declared)
    {
        var theta = new double[ParameterCount];
        ParameterInitialiser.Initialise(Cell, theta.AsSpan(0, Cell.ParameterCount), gain, rng, recurrent);
        if (inputWeights == InputWeightInit.AuthorCode)
        {
            var scale = 1 / Math.Sqrt(Cell.InputSize);
            foreach (var weights in InputWeights())
            {
                Blas.Scale(scale, theta.AsSpan(weights.Offset, weights.Length));
            }
        }
        var readoutScale = init == ModelInit.AuthorCode ? 1 : 1 / Math.Sqrt(Cell.StateSize);
        rng.FillGaussian(theta.AsSpan(ReadoutOffset, OutputSize * Cell.StateSize), 0, readoutScale);
        if (init == ModelInit.AuthorCode)
        {
            var bias = biasRng ?? throw new ArgumentNullException(nameof(biasRng), "the author's initialisation draws the biases from a stream of their own");
            foreach (var vector in Cell.Parameters.Where(parameter => parameter.Spec.Kind == ParameterKind.Vector))
            {
                foreach (ref var value in theta.AsSpan(vector.Offset, vector.Length))
                {
                    value = bias.NextUniform(0, 0.1);
                }
            }
            theta.AsSpan(BiasOffset, OutputSize).Fill(AuthorCodeOffset);
        }
        var state = theta.AsSpan(InitialStateOffset, Cell.StateSize);
        rng.FillGaussian(state, 0, 1);
        var kernels = Cell.Spec.CreateKernels<double>(Cell);
        var next = new double[Cell.StateSize];
        var silence = new double[Cell.InputSize];
        for (var s = 0; s < RelaxationSteps; s++)
        {
            kernels.Step(theta.AsSpan(0, Cell.ParameterCount), state, silence, next);
            next.CopyTo(state);
        }
        return theta;
    }

    /// <summary>The cell's input weights: its matrices whose columns are the input's size.</summary>
    public IEnumerable<ParameterLayout> InputWeights() =>
        Cell.Spec.Input is { } input
            ? Cell.Parameters.Where(parameter => parameter.Spec.Kind == ParameterKind.Matrix && parameter.Spec.Columns == input.Size)
            : [];

    /// <summary>The readout, offset and initial state as parameters, for Adam's per-parameter clipping.</summary>
    public IEnumerable<ParameterLayout> OwnParameters()
    {
        var n = Cell.StateSize;
        var none = new InitSpec(Init.Zeros, 0, 1, -1, 1, 0);
        yield return new ParameterLayout(new ParameterSpec("readout", ParameterKind.Matrix, CellSize.Fixed(OutputSize), CellSize.Fixed(n), none), OutputSize, n, ReadoutOffset);
        yield return new ParameterLayout(new ParameterSpec("offset", ParameterKind.Vector, CellSize.Fixed(OutputSize), CellSize.Fixed(1), none), OutputSize, 1, BiasOffset);
        yield return new ParameterLayout(new ParameterSpec("h0", ParameterKind.Vector, CellSize.Fixed(n), CellSize.Fixed(1), none), n, 1, InitialStateOffset);
    }

    /// <summary>The parameter whose gradient's singular values are reported: the first square matrix acting on a state (W, or U_f of an LSTM).</summary>
    public ParameterLayout? RecurrentMatrix =>
        Cell.Parameters.FirstOrDefault(parameter => parameter.Spec.Kind == ParameterKind.Matrix && parameter.Rows == parameter.Columns
            && Cell.Spec.States.Any(state => state.Size == parameter.Spec.Columns));
}
