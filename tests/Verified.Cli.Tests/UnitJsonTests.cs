using System.Text.Json;
using System.Text.Json.Nodes;
using Verified.Cli.Output.Files;
using Verified.Cli.Reproduction;
using Verified.Experiments.Sweeps;
using Verified.Precision.Condition;
using Verified.Storage;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// The generated unit contexts (<see cref="UnitJson"/>, <see cref="SweepJson"/>) write exactly what reflection over
/// <see cref="ResultJson.Options"/> wrote: every key of every figure at every scale, and every result recorded under
/// docs/recorded-runs, read and written again, to the byte. A type they do not know is refused, not written by reflection.
/// </summary>
public sealed class UnitJsonTests
{
    public static TheoryData<string> FigureNames() => [.. Reproducer.Figures().Select(figure => figure.Name)];

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void Every_key_of_a_figure_is_written_as_reflection_wrote_it_and_its_result_type_is_known(string name)
    {
        var figure = Reproducer.Figures().Single(candidate => candidate.Name == name);
        foreach (var scale in figure.Scales)
        {
            foreach (var run in figure.Runs(scale))
            {
                var generated = JsonSerializer.SerializeToNode(run.Key, run.Key.GetType(), UnitJson.Context.Options)!.ToJsonString();
                var reflected = JsonSerializer.SerializeToNode(run.Key, run.Key.GetType(), ResultJson.Options)!.ToJsonString();
                Assert.Equal(reflected, generated);
                // The result type is the context's own: a run's result is never written by reflection, nor refused after its work.
                Assert.NotNull(UnitJson.Context.Options.GetTypeInfo(run.Result));
            }
        }
    }

    /// <summary>Each recorded folder's units with the type of their results.</summary>
    public static TheoryData<string> RecordedFolders() =>
        [.. Directory.GetDirectories(Repository.File("docs/recorded-runs")).Select(Path.GetFileName).OfType<string>()
            .Where(folder => Directory.Exists(Repository.File($"docs/recorded-runs/{folder}/units"))).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(RecordedFolders))]
    public void Every_recorded_result_reads_and_writes_back_to_the_byte(string folder)
    {
        var type = folder switch
        {
            "fig1-paper" or "fig6-paper" => typeof(FlossingRun),
            "fig2-paper" => typeof(IReadOnlyList<ConditionPoint>),
            "fig16-paper" => typeof(RunningExponents),
            "appj-paper" => typeof(double[]),
            _ => typeof(TrainingOutcome),
        };
        var files = Directory.GetFiles(Repository.File($"docs/recorded-runs/{folder}/units"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var result = JsonNode.Parse(File.ReadAllText(file))!["result"]!;
            var read = result.Deserialize(type, UnitJson.Context.Options)!;
            var written = JsonSerializer.SerializeToNode(read, type, UnitJson.Context.Options)!.ToJsonString(ResultJson.Options);
            var reflected = JsonSerializer.SerializeToNode(result.Deserialize(type, ResultJson.Options), type, ResultJson.Options)!.ToJsonString(ResultJson.Options);
            Assert.Equal(reflected, written);
        }
    }

    [Fact]
    public void A_type_the_contexts_do_not_know_is_refused()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new Uri("https://example.org"), UnitJson.Context.Options));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new Uri("https://example.org"), SweepJson.Context.Options));
    }
}
