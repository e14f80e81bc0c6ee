using System.Text.Json;
using Verified.Cli.Output;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Runs a figure's missing runs (all of them, or every n-th from the i-th for one shard of a
/// cluster job), then renders the figure once every run has finished.
/// </summary>
public static class Reproducer
{
    public static IReadOnlyList<Figure> Figures() =>
        [new Figure1(), new Figure2(), new TrainingFigure(3), new TrainingFigure(4), new TrainingFigure(5), new Figure6()];

    public static void Run(Figure figure, Scale scale, string folder, int shard, int shards, TextWriter output)
    {
        var runs = figure.Runs(scale);
        var cache = new ResultCache(Path.Combine(folder, "units"));
        var mine = runs.Where((_, position) => position % shards == shard).Where(run => !cache.Has(run.Id)).ToList();
        var done = runs.Count(run => cache.Has(run.Id));
        if (done > 0)
        {
            output.WriteLine($"resuming {figure.Name}: {done} of {runs.Count} runs already done in {folder}");
        }
        new ProgressBoard(output).Run([.. mine.Select(run => new ProgressJob($"{figure.Name} {run.Id}", run.Units, tick => cache.GetOrCompute(run.Id, () => run.Compute(tick))))]);
        if (runs.Any(run => !cache.Has(run.Id)))
        {
            output.WriteLine($"{figure.Name}: shard {shard}/{shards} done; {runs.Count(run => !cache.Has(run.Id))} runs of other shards are missing, so the figure is not drawn yet");
            return;
        }
        var results = runs.ToDictionary(run => run.Id, run => cache.Read<JsonElement>(run.Id));
        figure.Render(folder, scale, new RunResults(results));
        output.WriteLine($"{figure.Name}: {figure.Title} → {folder}");
    }
}
