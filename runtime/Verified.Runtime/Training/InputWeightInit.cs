namespace Verified.Training;

/// <summary>
/// How a cell's input weights (its matrices with the input's size as their column count) start for I &gt; 1 inputs,
/// the spatial XOR's three channels. docs/reproduction.md gives the sources.
/// </summary>
public enum InputWeightInit
{
    /// <summary>As the cell declares them: N(0, 1/I) for vanilla-tanh's V (Sec 4 gives N(0, 1) for one input).</summary>
    Declared,

    /// <summary>
    /// The author's code's effective start: it draws V ~ N(0, 1) and divides the input by I, so that the network starts
    /// with the drive of V ~ N(0, 1/I²). Drawn as the declared weights scaled by 1/√I (the same draws, so that W, the readout
    /// and h_0 stay those of <see cref="Declared"/> at the same seed); the weights then train in the network's own scale,
    /// where the code's V, seen through the division, moves I times slower.
    /// </summary>
    AuthorCode,
}
