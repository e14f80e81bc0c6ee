namespace Verified.Experiments.Results;

/// <summary>
/// The version of the numbers the core computes (docs/design.md, "The numerical version"). It moves whenever a change of
/// code moves a number that a fixed-seed run gives, and only then: a figure unit or sweep run recorded by another build of
/// the same numerical version holds the numbers this build would compute, so it is reused; one of another numerical version
/// is computed again unless the user keeps it. The regression snapshots are tied to it: NumericalVersionTests fails when a
/// numeric snapshot changes while <see cref="Current"/> stays.
/// </summary>
public static class NumericalVersion
{
    /// <summary>The numerical version of this build.</summary>
    public const int Current = 1;

    /// <summary>
    /// The numerical version of a result that records none: every result written before numerical versions were recorded
    /// (the units under docs/recorded-runs among them) holds version 1's numbers.
    /// </summary>
    public const int OfUnrecorded = 1;
}
