namespace Verified.Precision.Numbers;

/// <summary>The mantissa width of a <see cref="BinaryFloat{TPrecision}"/>, in 64-bit limbs.</summary>
public interface IBinaryPrecision
{
    /// <summary>Limbs of 64 bits in the mantissa.</summary>
    static abstract int Limbs { get; }
}

/// <summary>256-bit mantissa (the paper's 256 bits).</summary>
public readonly struct Bits256 : IBinaryPrecision
{
    /// <inheritdoc/>
    public static int Limbs => 4;
}

/// <summary>512-bit mantissa, for confirming a 256-bit result.</summary>
public readonly struct Bits512 : IBinaryPrecision
{
    /// <inheritdoc/>
    public static int Limbs => 8;
}
