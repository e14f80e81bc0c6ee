using System.Text.Json.Serialization;
using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Lyapunov.Covariant;
using Verified.Training;

namespace Verified.Cli.Output.Files;

/// <summary>
/// The serialisation code of the tool's files, written at compile time by System.Text.Json's source generator: every
/// <see cref="ToolFile"/>, and every options record a <see cref="RunConfiguration"/> holds. <see cref="JsonOutput"/>
/// uses it with the options of every file (<see cref="Verified.Storage.ResultJson.Options"/>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SpectrumFile))]
[JsonSerializable(typeof(FlossFile))]
[JsonSerializable(typeof(ConditionFile))]
[JsonSerializable(typeof(ClvFile))]
[JsonSerializable(typeof(BasisFile))]
[JsonSerializable(typeof(TrainFile))]
[JsonSerializable(typeof(CheckFile))]
[JsonSerializable(typeof(CellsFile))]
[JsonSerializable(typeof(SweepFile))]
[JsonSerializable(typeof(ValidationReportFile))]
[JsonSerializable(typeof(DerivativesData))]
[JsonSerializable(typeof(SpectrumData))]
[JsonSerializable(typeof(FlossingData))]
[JsonSerializable(typeof(TrainingData))]
[JsonSerializable(typeof(ConditionData))]
[JsonSerializable(typeof(Figure1File))]
[JsonSerializable(typeof(Figure2File))]
[JsonSerializable(typeof(Figure6File))]
[JsonSerializable(typeof(Figure16File))]
[JsonSerializable(typeof(AppendixJFile))]
[JsonSerializable(typeof(TrainingFigureFile))]
[JsonSerializable(typeof(SpectrumOptions))]
[JsonSerializable(typeof(CovariantOptions))]
[JsonSerializable(typeof(FlossRunOptions))]
[JsonSerializable(typeof(ConditionRunOptions))]
[JsonSerializable(typeof(BasisRunOptions))]
[JsonSerializable(typeof(TrainOptions))]
public sealed partial class ToolJsonContext : JsonSerializerContext;
