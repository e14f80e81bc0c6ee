using System.Text.Json;
using System.Text.Json.Serialization;
using Verified.Cli.Reproduction;
using Verified.Cli.Validation;
using Verified.Experiments.Sweeps;
using Verified.Precision.Condition;
using Verified.Storage;

namespace Verified.Cli.Output.Files;

/// <summary>
/// The cached units of the figures (units/ID.json: a <see cref="FigureUnitKey"/> with its figure's protocol record, or a
/// <see cref="TrainingRun"/>, and the run's result) and of validate's parts (parts/ID.json), through System.Text.Json's
/// source generator with <see cref="ResultJson.Options"/>' naming, converters and strictness. A unit's id is the hash of
/// its key's canonical text (<see cref="Experiments.Results.ResultStore.Canonical"/>), which stays as it was.
/// </summary>
[JsonSerializable(typeof(FigureUnitKey))]
[JsonSerializable(typeof(FlossingRunKey))]
[JsonSerializable(typeof(ArmProtocol))]
[JsonSerializable(typeof(InitialStateProtocol))]
[JsonSerializable(typeof(IntervalProtocol))]
[JsonSerializable(typeof(TrainingRun))]
[JsonSerializable(typeof(FlossingRun))]
[JsonSerializable(typeof(IReadOnlyList<ConditionPoint>))]
[JsonSerializable(typeof(RunningExponents))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(TrainingOutcome))]
[JsonSerializable(typeof(PartKey))]
[JsonSerializable(typeof(PartOutcome))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class UnitJson : JsonSerializerContext
{
    /// <summary>The generated context bound to a copy of <see cref="ResultJson.Options"/>: its <c>Options</c> resolve every unit type from the generated code alone.</summary>
    public static UnitJson Context { get; } = new(new JsonSerializerOptions(ResultJson.Options));
}
