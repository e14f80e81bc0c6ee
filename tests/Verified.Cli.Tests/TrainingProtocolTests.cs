using Verified.Cli.Reproduction;
using Verified.Training;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>The paper and claims presets of Figs 3–5 against the numbers the paper and the author's code give (docs/reproduction.md).</summary>
public sealed class TrainingProtocolTests
{
    public static TheoryData<int, string, string, int, int, int, int[], string> PaperTable => new()
    {
        // figure, scale, task, epochs, k, seeds, delays, schedules
        { 3, "paper", "copy", 10_000, 40, 10, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50], "None Pre" },
        { 3, "paper", "continuous-xor", 10_000, 75, 10, [10, 20, 30, 40, 50, 60, 70], "None Pre" },
        { 3, "claims", "copy", 10_000, 40, 5, [20, 40], "None Pre" },
        { 4, "paper", "xor", 10_000, 75, 10, [10, 20, 30, 40, 50, 60, 70, 80], "None Pre During" },
        { 4, "paper", "spatial-xor", 5_000, 75, 10, [5, 10, 15, 20, 25, 30], "None Pre During" },
        { 4, "claims", "xor", 10_000, 75, 5, [40, 70], "None Pre During" },
        { 5, "paper", "xor", 10_000, 75, 10, [40, 70], "None During" },
    };

    [Theory]
    [MemberData(nameof(PaperTable))]
    public void Presets_follow_the_paper(int figure, string scale, string task, int epochs, int k, int seeds, int[] delays, string schedules)
    {
        var panel = TrainingProtocol.Panels(figure, Enum.Parse<Scale>(scale, ignoreCase: true)).Single(p => p.Baseline.Task == task);
        var options = panel.Baseline;

        // The paper's per-run settings: vanilla-tanh, N = 80, g = 1, b = 16, T = 300, Adam 1e-3, clipping 0.03.
        Assert.Equal((80, 1.0, 16, 300, 1e-3, 0.03), (panel.N, options.Gain, options.Batch, options.Steps, options.LearningRate, options.Clip!.Value));
        Assert.Equal(epochs, options.Epochs);
        Assert.Equal(k, panel.Ks.Max());
        Assert.Equal(seeds, panel.Seeds);
        Assert.Equal(delays, panel.Delays);
        Assert.Equal(schedules, string.Join(" ", panel.Schedules));
        // Flossing: E_p = E_f = 500 epochs, episodes at e ∈ {0, 100, 200, 300, 400}; where the paper is silent, the author's code: T_f = 55 with 16 steps not counted, Adam 1e-3, the task's own input.
        Assert.Equal((500, 55, 16, 1e-3), (options.FlossEpochs, options.FlossSteps, options.FlossTransient, options.FlossLearningRate));
        Assert.Equal([0, 100, 200, 300, 400], options.FlossAt);
        Assert.Null(options.FlossInput);
        Assert.Null(options.FlossParameters);
        Assert.Equal(100, options.EvalEvery);
        Assert.All(panel.Runs(), run => Assert.Equal("vanilla-tanh", run.Cell));
    }

    [Fact]
    public void The_claims_scale_is_the_paper_restricted_to_the_delays_its_sentences_name()
    {
        foreach (var figure in new[] { 3, 4 })
        {
            var claims = TrainingProtocol.Panels(figure, Scale.Claims).Single();
            var paper = TrainingProtocol.Panels(figure, Scale.Paper).First(panel => panel.Name == claims.Name);
            Assert.Equal(paper.Baseline, claims.Baseline);
            Assert.Equal(paper.N, claims.N);
            Assert.Subset(paper.Delays.ToHashSet(), claims.Delays.ToHashSet());
            Assert.Equal(5, claims.Seeds);
        }
        // 20 + 30 runs: no flossing is one run per delay and seed, whatever k.
        Assert.Equal(20, new TrainingFigure(3).Runs(Scale.Claims).Count);
        Assert.Equal(30, new TrainingFigure(4).Runs(Scale.Claims).Count);
    }

    [Fact]
    public void Claims_are_judged_on_the_runs_and_missing_runs_are_not_yet_run()
    {
        RunGroup Group(string task, int delay, string schedule, double loss, double accuracy, int trained, double? epoch = null) =>
            new(task, delay, schedule, schedule == "none" ? 0 : 75, 5, loss, loss, loss, accuracy, accuracy, accuracy, trained, epoch);

        var holding = PaperClaims.Evaluate([
            Group("copy", 20, "none", 1e-3, 0.9, 5), Group("copy", 40, "none", 0.08, 0.5, 0), Group("copy", 40, "pre", 1e-3, 0.9, 4, 500),
            Group("xor", 40, "none", 0.69, 0.5, 0), Group("xor", 70, "none", 0.69, 0.5, 0), Group("xor", 40, "pre", 0.3, 0.9, 5),
            Group("xor", 70, "pre", 0.69, 0.52, 0), Group("xor", 70, "during", 0.2, 0.85, 4)]);
        var failing = PaperClaims.Evaluate([
            Group("copy", 20, "none", 1e-3, 0.9, 5), Group("copy", 40, "none", 1e-3, 0.9, 5, 300), Group("copy", 40, "pre", 0.08, 0.5, 3, 900),
            Group("xor", 70, "during", 0.6, 0.7, 0)]);

        Assert.Equal(7, holding.Count);
        Assert.All(holding, verdict => Assert.Equal("holds", verdict.Verdict));
        Assert.Equal(["does not hold", "does not hold", "does not hold", "not yet run", "not yet run", "not yet run", "does not hold"], failing.Select(verdict => verdict.Verdict));
    }
}
