namespace Verified.Training;

/// <summary>
/// How the parts of a training model that the cell does not declare start: the readout W_out, the
/// offset c, and (for the author's code) the cell's bias vectors. docs/reproduction.md gives the
/// sources.
/// </summary>
public enum ModelInit
{
    /// <summary>W_out ~ N(0, 1/n), c = 0, the cell's biases as it declares them (zero for vanilla-tanh): outputs O(1) at the start.</summary>
    Verified,

    /// <summary>
    /// The author's code (RainerEngelken/GradientFlossing): W_out ~ N(0, 1), c = 0.001, every bias
    /// vector of the cell ~ U(0, 0.1), drawn from a stream of its own so that W, V and the h_0 draw
    /// stay those of <see cref="Verified"/> at the same seed.
    /// </summary>
    AuthorCode,
}
