namespace Verified.Checks;

/// <summary>One numerical check: its measured figure against its tolerance.</summary>
public sealed record CheckResult(string Name, double MaxRelError, double Tolerance)
{
    public bool Passed => MaxRelError <= Tolerance;
}
