namespace Verified;

/// <summary>How a parameter is initialised. The defaults follow the paper (Engelken 2023, appendix B).</summary>
public enum Init
{
    /// <summary>Matrices acting on a state: RecurrentGaussian; other matrices: Gaussian N(0, 1); vectors: zeros; scalars: their default value.</summary>
    Auto,
    /// <summary>Entries N(Mean, (Scale·g)²/fan-in), g the network gain chosen at run time.</summary>
    RecurrentGaussian,
    /// <summary>Entries N(Mean, Scale²).</summary>
    Gaussian,
    /// <summary>g times a Haar-random orthogonal matrix (rows ≥ columns: orthonormal columns).</summary>
    Orthogonal,
    /// <summary>Entries U(Low, High).</summary>
    Uniform,
    /// <summary>Every entry 0.</summary>
    Zeros,
    /// <summary>Every entry equals Value.</summary>
    Constant,
    /// <summary>
    /// Entries U(−Scale·g/√H, Scale·g/√H), H the size of the cell's first state (the hidden size):
    /// at g = 1, how torch.nn.RNN, LSTM and GRU initialise every parameter.
    /// </summary>
    HiddenUniform,
}
