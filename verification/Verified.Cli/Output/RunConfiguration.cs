using Verified.Initialisation;
using Verified.IO;

namespace Verified.Cli.Output;

/// <summary>
/// What a result file records so that it explains itself: the Verified version, the cell (its name
/// and the hash of its declaration), its sizes, the gain (null when no parameter of the cell has
/// one) and seed of its initial parameters, and every option of the computation.
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
    object Options)
{
    public static RunConfiguration Of(CellLayout layout, double gain, ulong seed, object options) => new(
        ResultStore.Version,
        layout.Spec.Name,
        layout.Spec.SourceHash,
        layout.Spec.DimensionNames.ToDictionary(name => name, layout.Dimension),
        layout.StateSize,
        layout.InputSize,
        layout.ParameterCount,
        ParameterInitializer.UsesGain(layout.Spec) ? gain : null,
        seed,
        options);
}
