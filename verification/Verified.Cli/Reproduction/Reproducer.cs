using Verified.Cli.Output.Files;
using Verified.Cli.Output;
using Verified.Experiments.Execution;
using Verified.Experiments.Results;
using Verified.Storage;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Runs a figure's missing runs (all of them, or every n-th from the i-th for one shard of a
/// cluster job), J side by side, then renders the figure once every run has finished; or, for a
/// merge job, renders it from the finished runs alone, refusing while any is missing. A run recorded
/// by another numerical version (<see cref="NumericalVersion"/>) counts as missing unless
/// <c>keepOtherNumericalVersions</c>; the figure lists the builds and numerical versions its runs came from.
/// </summary>
public static class Reproducer
{
    public static IReadOnlyList<Figure> Figures() =>
        [new Figure1(), new Figure2(), .. TrainingProtocol.Figures.Select(name => new TrainingFigure(name)), new Figure6(), new Figure16(), new AppendixJ()];

    public static void Run(Figure figure, Scale scale, string folder, int shard, int shards, int jobs, TextWriter output, TextWriter error, bool keepOtherNumericalVersions = false)
    {
        var runs = figure.Runs(scale);
        var board = new ProgressBoard(output);
        var store = Store(folder, error, keepOtherNumericalVersions);
        // Each unit is read once before the work and once after it, so a bad file is reported once per pass.
        var before = Finished(store, runs);
        var mine = Shards.Select(runs, shard, shards).Where(run => !before.Has(run.Id)).ToList();
        if (before.Count > 0)
        {
            output.WriteLine($"resuming {figure.Name}: {before.Count} of {runs.Count} runs already done in {folder}");
        }
        board.Run([.. mine.Select(run => new ProgressJob($"{figure.Name} {run.Id}", run.ProgressTicks, tick =>
        {
            if (!store.ComputeOnce(run.Id, run.Key, run.Result, () => run.Compute(tick), out var holder))
            {
                board.Write($"{figure.Name} {run.Id}: being computed by {holder}; left to it");
            }
        }))], jobs);
        var results = Finished(store, runs);
        var missing = runs.Where(run => !results.Has(run.Id)).ToList();
        if (missing.Count > 0)
        {
            output.WriteLine($"{figure.Name}: shard {shard}/{shards} done; {missing.Count} runs of other shards are missing, so the figure is not drawn yet: {string.Join(", ", missing.Take(5).Select(run => run.Id))}{(missing.Count > 5 ? ", ..." : "")}");
            return;
        }
        Render(figure, scale, folder, results, output);
    }

    /// <summary>
    /// Renders the figure from the runs in the folder, running none; <see cref="IncompleteResultsException"/> while any is missing,
    /// unless <paramref name="partial"/>, when the figure is drawn from the finished runs and says how many are missing.
    /// </summary>
    public static void Draw(Figure figure, Scale scale, string folder, TextWriter output, TextWriter error, bool partial = false, bool keepOtherNumericalVersions = false)
    {
        var runs = figure.Runs(scale);
        var results = Finished(Store(folder, error, keepOtherNumericalVersions, readOnly: true), runs);
        var missing = runs.Where(run => !results.Has(run.Id)).Select(run => run.Id).ToList();
        if (missing.Count > 0 && !(partial && results.Count > 0))
        {
            throw new IncompleteResultsException($"{figure.Name} at the {scale.ToString().ToLowerInvariant()} scale in '{folder}'", missing);
        }
        if (missing.Count > 0)
        {
            output.WriteLine($"{figure.Name}: drawn from {results.Count} of {runs.Count} runs; {missing.Count} are missing");
        }
        Render(figure, scale, folder, results, output);
    }

    /// <summary>The units of the figure in <paramref name="folder"/>, as this build writes and reads them.</summary>
    internal static ResultStore Store(string folder, TextWriter error, bool keepOtherNumericalVersions, bool readOnly = false) =>
        new(Path.Combine(folder, "units"), warning => error.WriteLine("warning: " + warning), readOnly, CliBuild.Origin, keepOtherNumericalVersions, UnitJson.Context.Options);

    private static RunResults Finished(ResultStore store, IReadOnlyList<FigureRun> runs) =>
        new(runs.Select(run => (run.Id, Found: store.TryRead(run.Id, run.Key, run.Result, out var result, out var origin), Unit: new FinishedRun(result, origin)))
            .Where(entry => entry.Found).ToDictionary(entry => entry.Id, entry => entry.Unit));

    private static void Render(Figure figure, Scale scale, string folder, RunResults results, TextWriter output)
    {
        figure.Render(folder, scale, results);
        output.WriteLine($"{figure.Name}: {figure.Title} → {folder}");
    }
}
