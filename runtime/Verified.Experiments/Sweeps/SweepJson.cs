using System.Text.Json;
using System.Text.Json.Serialization;
using Verified.Storage;

namespace Verified.Experiments.Sweeps;

/// <summary>The grid of a sweep as grids/HASH.json records it: the ids of all its runs, sorted.</summary>
/// <param name="Runs">The ids.</param>
public sealed record DeclaredGrid(IReadOnlyList<string> Runs);

/// <summary>
/// The files of a sweep and of the training runs of a figure (runs/ID.json, units/ID.json, grids/HASH.json) through
/// System.Text.Json's source generator, with <see cref="ResultJson.Options"/>' naming, converters and strictness.
/// </summary>
[JsonSerializable(typeof(TrainingRun))]
[JsonSerializable(typeof(TrainingOutcome))]
[JsonSerializable(typeof(DeclaredGrid))]
public sealed partial class SweepJson : JsonSerializerContext
{
    /// <summary>The generated context bound to a copy of <see cref="ResultJson.Options"/>: its <c>Options</c> resolve the sweep's types from the generated code alone.</summary>
    public static SweepJson Context { get; } = new(new JsonSerializerOptions(ResultJson.Options));
}
