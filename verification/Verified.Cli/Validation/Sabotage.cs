namespace Verified.Cli.Validation;

/// <summary>
/// A capability that a test takes away from a validation part to show that the checks built on it
/// fail without it. It is a hook of the test harness, never a user option: `verified validate` runs
/// every part with <see cref="None"/>.
/// </summary>
[Flags]
public enum Sabotage
{
    None = 0,

    /// <summary>spectrum: the Hénon map's exponents come out in the wrong order (ascending), which keeps their sum.</summary>
    ExponentOrder = 1,

    /// <summary>flossing and training: the network measured after flossing is the one before it, as if flossing had changed nothing.</summary>
    FlossingDiscarded = 2,

    /// <summary>condition: κ2 is replaced by the finite-time bound exp(max S_i − min S_i), which double precision computes.</summary>
    KappaFromBound = 4,

    /// <summary>condition: the 512-bit measurement silently runs at 256 bits.</summary>
    FiveTwelveAtTwoFiftySix = 8,
}
