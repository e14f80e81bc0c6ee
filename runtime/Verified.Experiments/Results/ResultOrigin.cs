namespace Verified.Experiments.Results;

/// <summary>
/// What computed a stored result: the build (<see cref="BuildIdentity"/>: the version with the commit and a digest of the
/// code) and the <see cref="NumericalVersion"/> of its numbers. Every envelope a <see cref="ResultStore"/> writes records both.
/// </summary>
/// <param name="Build">The build, or <see cref="UnrecordedBuild"/> for a result written before builds were recorded.</param>
/// <param name="NumericalVersion">The numerical version of the result's numbers.</param>
public sealed record ResultOrigin(string Build, int NumericalVersion)
{
    /// <summary>The build of a result that records none.</summary>
    public const string UnrecordedBuild = "not recorded";

    /// <summary>The origin of a result written before origins were recorded: an unknown build of numerical version 1.</summary>
    public static ResultOrigin Unrecorded { get; } = new(UnrecordedBuild, Results.NumericalVersion.OfUnrecorded);

    /// <summary>The origin of results computed now by the code in <paramref name="assemblies"/>.</summary>
    public static ResultOrigin Of(params System.Reflection.Assembly[] assemblies) => new(BuildIdentity.Of(assemblies), Results.NumericalVersion.Current);
}

/// <summary>How many of the results a figure or sweep was merged from came from one build and numerical version.</summary>
/// <param name="Build">The build (<see cref="ResultOrigin.Build"/>).</param>
/// <param name="NumericalVersion">The numerical version of those results.</param>
/// <param name="Results">How many results.</param>
public sealed record OriginCount(string Build, int NumericalVersion, int Results)
{
    /// <summary>The origins counted, by numerical version and then build.</summary>
    public static IReadOnlyList<OriginCount> Of(IEnumerable<ResultOrigin> origins) =>
        [.. origins.GroupBy(origin => origin).OrderBy(group => group.Key.NumericalVersion).ThenBy(group => group.Key.Build, StringComparer.Ordinal)
            .Select(group => new OriginCount(group.Key.Build, group.Key.NumericalVersion, group.Count()))];
}
