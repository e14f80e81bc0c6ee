namespace Verified.Checks;

/// <summary>One numerical check: its measured figure against its tolerance.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="MaxRelError">The measured relative error (norm-wise, see <see cref="Compare"/>).</param>
/// <param name="Tolerance">The largest error that passes.</param>
public sealed record CheckResult(string Name, double MaxRelError, double Tolerance)
{
    /// <summary>The error is within the tolerance.</summary>
    public bool Passed => MaxRelError <= Tolerance;
}
