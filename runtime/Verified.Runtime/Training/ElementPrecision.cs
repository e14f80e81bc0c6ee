namespace Verified.Training;

/// <summary>The element type a training run's kernels compute in: BPTT, the readout, flossing episodes and the test evaluation.</summary>
public enum ElementPrecision
{
    /// <summary>64-bit doubles.</summary>
    Double,

    /// <summary>32-bit floats, as the author's code trains (Float32); Adam updates a double master copy of θ, and the exponents after training are computed in double.</summary>
    Float,
}
