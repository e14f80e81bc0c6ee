using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verified.Experiments.Execution;
using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;
using Verified.Lyapunov;
using Verified.Training;
using Xunit;

namespace Verified.Experiments.Tests.Sweeps;

public sealed class SweepTests : IDisposable
{
    private static CellSpec Tanh => BuiltInCells.Find("vanilla-tanh")!;

    private static readonly TrainOptions Baseline = new()
    {
        Task = "copy", Steps = 20, Batch = 2, Epochs = 3, TestBatch = 4, EvalEvery = 2, FlossK = 2, FlossEpochs = 2, FlossSteps = 30, FlossTransient = 5, FlossAt = [0, 2],
    };

    private static Sweep Small() => Sweep.Grid(Tanh, 6, Baseline, delays: [2, 3], ks: [1, 2], schedules: [FlossingSchedule.None, FlossingSchedule.Pre], seeds: [1, 2]);

    [Fact]
    public void A_run_without_flossing_is_one_run_whatever_k()
    {
        // 2 delays × 2 seeds × (none once + pre for k = 1 and 2).
        Assert.Equal(12, Small().Runs.Count);
        Assert.Equal(4, Small().Runs.Count(run => run.Options.Flossing == FlossingSchedule.None));
    }

    [Fact]
    public void A_sweep_stopped_in_the_middle_and_restarted_loses_no_finished_run_and_repeats_none()
    {
        var folder = Folder();
        var sweep = Small();
        var store = Sweep.Store(folder);
        var first = sweep.Missing(store, 0, 1).Take(3).ToList();
        first.ForEach(run => Sweep.Execute(store, run, out _));
        var written = Directory.GetFiles(store.Folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllText);

        var second = sweep.Missing(store, 0, 1);
        second.ToList().ForEach(run => Sweep.Execute(store, run, out _));

        Assert.Equal(sweep.Runs.Count - 3, second.Count);
        Assert.Empty(first.Select(run => run.Id).Intersect(second.Select(run => run.Id)));
        Assert.Empty(sweep.Missing(store, 0, 1));
        Assert.Equal(sweep.Runs.Select(run => run.Id).Order(StringComparer.Ordinal), Sweep.Merge(folder).Select(result => result.Id));
        foreach (var (name, text) in written)
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(store.Folder, name)));
        }
        Assert.Empty(Directory.GetFiles(store.Folder, "*.tmp"));
    }

    [Fact]
    public void Shards_cover_every_run_exactly_once_for_every_shard_count_up_to_16()
    {
        var sweep = Sweep.Grid(Tanh, 6, Baseline, delays: [2, 3, 4, 5], ks: [1, 2, 3], schedules: [FlossingSchedule.None, FlossingSchedule.Pre, FlossingSchedule.During], seeds: [1, 2, 3]);
        for (var count = 1; count <= 16; count++)
        {
            var covered = Enumerable.Range(0, count).SelectMany(index => sweep.Shard(index, count)).Select(run => run.Id).ToList();
            Assert.Equal(sweep.Runs.Select(run => run.Id).Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.Shard(3, 3));
    }

    [Fact]
    public void A_merge_is_refused_while_a_run_of_a_declared_grid_is_missing_and_names_it()
    {
        var folder = Folder();
        var sweep = Small();
        var store = Sweep.Store(folder);
        sweep.Declare(folder);
        sweep.Declare(folder);
        var done = sweep.Shard(0, 2);
        done.ToList().ForEach(run => Sweep.Execute(store, run, out _));

        var refused = Assert.Throws<Verified.Experiments.Results.IncompleteResultsException>(() => Sweep.Merge(folder));

        Assert.Equal(sweep.Shard(1, 2).Select(run => run.Id).Order(StringComparer.Ordinal), refused.Missing);
        Assert.Contains(sweep.Shard(1, 2)[0].Id, refused.Message);
        Assert.DoesNotContain(done[0].Id, refused.Message);
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "grids")));
        sweep.Shard(1, 2).ToList().ForEach(run => Sweep.Execute(store, run, out _));
        Assert.Equal(sweep.Runs.Count, Sweep.Merge(folder).Count);
    }

    [Fact]
    public void A_damaged_grid_declaration_stops_the_merge_with_a_message()
    {
        var folder = Folder();
        Small().Declare(folder);
        var grid = Directory.GetFiles(Path.Combine(folder, "grids")).Single();
        File.WriteAllText(grid, File.ReadAllText(grid)[..20]);

        var refused = Assert.Throws<InvalidDataException>(() => Sweep.Merge(folder));

        Assert.Contains("is not a grid declaration", refused.Message);
    }

    [Fact]
    public void Two_jobs_write_the_same_run_files_as_one()
    {
        var sweep = Small();
        var one = Folder();
        var two = Folder();
        var storeOne = Sweep.Store(one);
        var storeTwo = Sweep.Store(two);

        ParallelRuns.Execute(sweep.Runs, 1, run => Sweep.Execute(storeOne, run, out _));
        ParallelRuns.Execute(sweep.Runs, 2, run => Sweep.Execute(storeTwo, run, out _));

        foreach (var run in sweep.Runs)
        {
            Assert.Equal(WithoutTimes(Path.Combine(storeOne.Folder, run.Id + ".json")), WithoutTimes(Path.Combine(storeTwo.Folder, run.Id + ".json")));
        }
    }

    [Fact]
    public void Every_option_of_a_flossed_run_enters_its_id()
    {
        var during = TrainingRun.Of(Tanh, 6, Baseline with { Flossing = FlossingSchedule.During });
        var changed = new Dictionary<string, TrainOptions>
        {
            [nameof(TrainOptions.Task)] = during.Options with { Task = "xor" },
            [nameof(TrainOptions.Delay)] = during.Options with { Delay = 11 },
            [nameof(TrainOptions.Steps)] = during.Options with { Steps = 21 },
            [nameof(TrainOptions.Batch)] = during.Options with { Batch = 3 },
            [nameof(TrainOptions.Epochs)] = during.Options with { Epochs = 4 },
            [nameof(TrainOptions.LearningRate)] = during.Options with { LearningRate = 2e-3 },
            [nameof(TrainOptions.Clip)] = during.Options with { Clip = null },
            [nameof(TrainOptions.Gain)] = during.Options with { Gain = 1.5 },
            [nameof(TrainOptions.RecurrentInit)] = during.Options with { RecurrentInit = Init.Orthogonal },
            [nameof(TrainOptions.Seed)] = during.Options with { Seed = 9 },
            [nameof(TrainOptions.Loss)] = during.Options with { Loss = Verified.Training.Tasks.LossKind.BinaryCrossEntropy },
            [nameof(TrainOptions.TestBatch)] = during.Options with { TestBatch = 5 },
            [nameof(TrainOptions.EvalEvery)] = during.Options with { EvalEvery = 3 },
            [nameof(TrainOptions.Flossing)] = during.Options with { Flossing = FlossingSchedule.Pre },
            [nameof(TrainOptions.FlossEpochs)] = during.Options with { FlossEpochs = 3 },
            [nameof(TrainOptions.FlossAt)] = during.Options with { FlossAt = [0, 1] },
            [nameof(TrainOptions.FlossK)] = during.Options with { FlossK = 3 },
            [nameof(TrainOptions.FlossSteps)] = during.Options with { FlossSteps = 31 },
            [nameof(TrainOptions.FlossTransient)] = during.Options with { FlossTransient = 6 },
            [nameof(TrainOptions.FlossInput)] = during.Options with { FlossInput = Verified.Lyapunov.InputKind.Gaussian },
            [nameof(TrainOptions.FlossParameters)] = during.Options with { FlossParameters = ["W"] },
            [nameof(TrainOptions.FlossLearningRate)] = during.Options with { FlossLearningRate = 2e-3 },
            [nameof(TrainOptions.ModelInit)] = during.Options with { ModelInit = ModelInit.AuthorCode },
            [nameof(TrainOptions.InputWeights)] = during.Options with { InputWeights = InputWeightInit.AuthorCode },
            [nameof(TrainOptions.TaskInput)] = during.Options with { TaskInput = Verified.Lyapunov.InputKind.Bernoulli },
            [nameof(TrainOptions.Precision)] = during.Options with { Precision = ElementPrecision.Float },
            [nameof(TrainOptions.Regulariser)] = during.Options with { Regulariser = Verified.Training.Regularisers.RegulariserKind.SpectralRadius },
            [nameof(TrainOptions.RegularisationWeight)] = during.Options with { Regulariser = Verified.Training.Regularisers.RegulariserKind.SpectralRadius, RegularisationWeight = 0.5 },
            [nameof(TrainOptions.RecordClvOverlap)] = during.Options with { RecordClvOverlap = true },
        };
        // The table covers every option there is.
        Assert.Equal(typeof(TrainOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).Order(), changed.Keys.Order());
        var ids = changed.Values.Select(options => TrainingRun.Of(Tanh, 6, options).Id)
            .Append(during.Id)
            .Append((during with { N = 7 }).Id)
            .Append((during with { CellSource = "another declaration" }).Id)
            .Append((during with { Cell = "lstm" }).Id)
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void A_truncated_foreign_or_mismatched_run_file_is_redone_with_a_warning_and_never_merged()
    {
        var folder = Folder();
        var warnings = new List<string>();
        var store = Sweep.Store(folder, warnings.Add);
        var sweep = Sweep.Grid(Tanh, 6, Baseline, [2], [1], [FlossingSchedule.None], [1, 2, 3]);
        var (truncated, foreign, other) = (sweep.Runs[0], sweep.Runs[1], sweep.Runs[2]);
        sweep.Runs.ToList().ForEach(run => Sweep.Execute(store, run, out _));
        var path = (TrainingRun run) => Path.Combine(store.Folder, run.Id + ".json");
        File.WriteAllText(path(truncated), File.ReadAllText(path(truncated))[..200]);
        File.WriteAllText(path(foreign), """{"id":"garbage"}""");
        // A file of the right id whose options are another run's.
        var envelope = JsonNode.Parse(File.ReadAllText(path(other)))!;
        envelope["key"]!["options"]!["epochs"] = 5;
        File.WriteAllText(path(other), envelope.ToJsonString());
        File.WriteAllText(Path.Combine(store.Folder, "stray.json"), File.ReadAllText(path(truncated).Replace(truncated.Id, sweep.Runs[0].Id)));

        var missing = sweep.Missing(store, 0, 1);
        var merged = Sweep.Merge(folder, warnings.Add);

        Assert.Equal(sweep.Runs.Select(run => run.Id), missing.Select(run => run.Id));
        Assert.Empty(merged);
        Assert.Contains(warnings, warning => warning.Contains("does not parse"));
        Assert.Contains(warnings, warning => warning.Contains("not a Verified result"));
        Assert.Contains(warnings, warning => warning.Contains("other options"));
        Assert.Contains(warnings, warning => warning.Contains("does not belong"));

        missing.ToList().ForEach(run => Sweep.Execute(store, run, out _));
        Assert.Empty(sweep.Missing(store, 0, 1));
    }

    /// <summary>A run file with its wall times left out: everything else must match bit for bit.</summary>
    private static string WithoutTimes(string path)
    {
        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    obj.Remove("seconds");
                    foreach (var (_, child) in obj.ToList())
                    {
                        Strip(child);
                    }
                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Strip(child);
                    }
                    break;
            }
        }
        var root = JsonNode.Parse(File.ReadAllText(path));
        Strip(root);
        return root!.ToJsonString();
    }

    private readonly TemporaryFolders _folders = new();

    /// <summary>A fresh temporary folder, deleted when the test ends.</summary>
    private string Folder() => _folders.New();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public void At_their_defaults_the_new_options_leave_key_and_id_unchanged()
    {
        var options = new TrainOptions { Task = "copy", Delay = 20, Epochs = 10 };
        var plain = TrainingRun.Of(Tanh, 8, options);

        Assert.Equal(plain.Id, TrainingRun.Of(Tanh, 8, options with { ModelInit = ModelInit.Verified, TaskInput = InputKind.Uniform, InputWeights = InputWeightInit.Declared }).Id);
        Assert.DoesNotContain("modelInit", ResultStore.Canonical(plain));
        Assert.DoesNotContain("inputWeights", ResultStore.Canonical(plain));
        Assert.StartsWith("copy-d20-none-author-input-s1-", TrainingRun.Of(Tanh, 8, options with { InputWeights = InputWeightInit.AuthorCode }).Id);
        Assert.DoesNotContain("taskInput", ResultStore.Canonical(plain));
        Assert.StartsWith("copy-d20-none-author-init-s1-", TrainingRun.Of(Tanh, 8, options with { ModelInit = ModelInit.AuthorCode }).Id);
        Assert.StartsWith("copy-d20-none-bernoulli-s1-", TrainingRun.Of(Tanh, 8, options with { TaskInput = InputKind.Bernoulli }).Id);
    }

    [Theory]
    [InlineData(FlossingSchedule.None, null, 55, "none", "no flossing")]
    [InlineData(FlossingSchedule.Pre, null, 55, "pre", "preflossing, k = 3")]
    [InlineData(FlossingSchedule.During, null, 55, "during", "flossing during training, k = 3")]
    [InlineData(FlossingSchedule.During, new[] { 0, 500 }, 55, "during-0-500", "flossing during training at epochs 0, 500, k = 3")]
    [InlineData(FlossingSchedule.Pre, null, 86, "pre-tf86", "preflossing, k = 3, T_f = 86")]
    public void Arms_are_named_by_what_they_change(FlossingSchedule schedule, int[]? at, int horizon, string key, string legend)
    {
        var options = new TrainOptions { Task = "xor", Delay = 70, Epochs = 1000, Flossing = schedule, FlossK = 3, FlossSteps = horizon, FlossAt = at ?? new TrainOptions().FlossAt }.Normalised();

        Assert.Equal((key, legend), (RunArm.Key(options), RunArm.Legend(options)));
    }
}
