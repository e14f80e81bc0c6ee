using System.CommandLine;

namespace Verified.Cli.Commands;

/// <summary>The option of reproduce and sweep that reuses recorded results of another numerical version (README, "Numerical version").</summary>
public static class KeepOtherNumericalVersions
{
    /// <summary>The option, saying what it keeps (<paramref name="results"/>: "units", "runs").</summary>
    public static Option<bool> Create(string results) => new("--keep-other-numerical-versions")
    {
        Description = $"Reuse {results} recorded by another numerical version of the core (whose numbers this build would not reproduce) instead of "
            + $"computing them again; without it they are computed again (or, with --merge, left out). Recorded {results} that record no version are version 1's. "
            + "The merged JSON and claims.md list the builds and numerical versions the results came from",
    };
}
