using Verified.Checks;

namespace Verified.Cli.Validation;

/// <summary>One line of the report: a measured figure, and the bound it must keep (at most, or at least, the limit).</summary>
public sealed record ValidationCheck(string Part, string Name, double Measured, string Relation, double Limit)
{
    public const string AtMostRelation = "≤";
    public const string AtLeastRelation = "≥";

    /// <summary>NaN fails either way.</summary>
    public bool Passed => Relation == AtMostRelation ? Measured <= Limit : Measured >= Limit;

    public static ValidationCheck AtMost(string part, string name, double measured, double limit) => new(part, name, measured, AtMostRelation, limit);

    public static ValidationCheck AtLeast(string part, string name, double measured, double limit) => new(part, name, measured, AtLeastRelation, limit);

    public static ValidationCheck From(string part, CheckResult result) => AtMost(part, result.Name, result.MaxRelError, result.Tolerance);
}
