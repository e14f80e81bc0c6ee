using Verified.Experiments.Results;
using Verified.Storage;

namespace Verified.Cli.Reproduction;

/// <summary>claims.md's account of the builds and numerical versions (<see cref="NumericalVersion"/>) a figure's runs came from.</summary>
public static class UnitOrigins
{
    /// <summary>A section "Where the runs came from": one line per build and numerical version, with how many runs each gave.</summary>
    public static string Markdown(IReadOnlyList<OriginCount> origins)
    {
        var text = new System.Text.StringBuilder("\n## Where the runs came from\n\n")
            .AppendLine($"{origins.Sum(origin => origin.Results)} runs, by the numerical version of their numbers and the build that computed them "
                + $"(this build computes numerical version {NumericalVersion.Current}; runs recorded before builds were recorded are version {NumericalVersion.OfUnrecorded}'s):")
            .AppendLine();
        foreach (var origin in origins)
        {
            text.AppendLine($"- numerical version {origin.NumericalVersion}, build {(origin.Build == ResultOrigin.UnrecordedBuild ? "not recorded" : $"`{origin.Build}`")}: {origin.Results} runs");
        }
        return text.ToString();
    }
}
