using Verified.Initialisation;
using Verified.Storage;

namespace Verified.Cli.Output;

/// <summary>
/// What a result file records so that it explains itself: the Verified version, the cell (its name
/// and the hash of its declaration), its sizes, the gain (null when no parameter of the cell has
/// one, or when θ came from a file), the seed, every option of the computation, and the files the
/// run started from (<see cref="StartedFrom"/>: a run from --params is not the initialiser's draw).
/// </summary>
public sealed record RunConfiguration(
    string VerifiedVersion,
    string Cell,
    string CellSourceHash,
    IReadOnlyDictionary<string, int> Dimensions,
    int StateSize,
    int InputSize,
    int ParameterCount,
    double? Gain,
    ulong Seed,
    object Options,
    StartedFrom StartedFrom)
{
    public static RunConfiguration Of(CellLayout layout, double gain, ulong seed, object options, StartedFrom startedFrom) => new(
        ResultJson.Version,
        layout.Spec.Name,
        layout.Spec.SourceHash,
        layout.Spec.DimensionNames.ToDictionary(name => name, layout.Dimension),
        layout.StateSize,
        layout.InputSize,
        layout.ParameterCount,
        ParameterInitialiser.UsesGain(layout.Spec) && startedFrom.Parameters is null ? gain : null,
        seed,
        options,
        startedFrom);
}

/// <summary>The files a run started from: --params (θ) and --initial-state (h_0), full paths, null when not given.</summary>
public sealed record StartedFrom(string? Parameters, string? InitialState);
