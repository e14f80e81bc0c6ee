using System.Text.Json;
using Verified.Cli.Output;
using Verified.IO;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Runs a figure's missing runs (all of them, or every n-th from the i-th for one shard of a
/// cluster job), J side by side, then renders the figure once every run has finished.
/// </summary>
public static class Reproducer
{
    public static IReadOnlyList<Figure> Figures() =>
        [new Figure1(), new Figure2(), new TrainingFigure(3), new TrainingFigure(4), new TrainingFigure(5), new Figure6()];

    public static void Run(Figure figure, Scale scale, string folder, int shard, int shards, int jobs, TextWriter output, TextWriter error)
    {
        var runs = figure.Runs(scale);
        var board = new ProgressBoard(output);
        var store = new ResultStore(Path.Combine(folder, "units"), warning => error.WriteLine("warning: " + warning));
        bool Done(FigureRun run) => store.Has<JsonElement>(run.Id, run.Key);
        var mine = runs.Where((_, position) => position % shards == shard).Where(run => !Done(run)).ToList();
        var done = runs.Count(Done);
        if (done > 0)
        {
            output.WriteLine($"resuming {figure.Name}: {done} of {runs.Count} runs already done in {folder}");
        }
        board.Run([.. mine.Select(run => new ProgressJob($"{figure.Name} {run.Id}", run.Units, tick =>
        {
            if (!store.ComputeOnce(run.Id, run.Key, () => run.Compute(tick), out var holder))
            {
                board.Write($"{figure.Name} {run.Id}: being computed by {holder}; left to it");
            }
        }))], jobs);
        var missing = runs.Where(run => !Done(run)).ToList();
        if (missing.Count > 0)
        {
            output.WriteLine($"{figure.Name}: shard {shard}/{shards} done; {missing.Count} runs of other shards are missing, so the figure is not drawn yet: {string.Join(", ", missing.Take(5).Select(run => run.Id))}{(missing.Count > 5 ? ", ..." : "")}");
            return;
        }
        var results = runs.ToDictionary(run => run.Id, run => store.TryRead<JsonElement>(run.Id, run.Key, out var result) ? result : throw new InvalidDataException($"run {run.Id} vanished"));
        figure.Render(folder, scale, new RunResults(results));
        output.WriteLine($"{figure.Name}: {figure.Title} → {folder}");
    }
}
