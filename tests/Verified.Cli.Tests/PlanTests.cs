using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// --plan of reproduce and sweep: every run listed with its estimated wall time and whether --out
/// holds it, the core-hours left from the recorded runs' wall times, and nothing run or created.
/// </summary>
public sealed partial class PlanTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    private static readonly string Recorded = Path.Combine(Repository.Root, "docs", "recorded-runs", "fig3-paper", "units");

    private static double RecordedSeconds(string file) => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("result").GetProperty("seconds").GetDouble();

    private static double CoreHours(string output) => double.Parse(CoreHoursLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void A_figure_plan_counts_the_recorded_wall_times_of_the_runs_left_and_runs_nothing()
    {
        var folder = Path.Combine(_temporary.New(), "fig3");
        var recorded = Directory.GetFiles(Recorded, "*.json");

        var (code, output, error) = CliRunner.Run("reproduce", "fig3", "--scale", "paper", "--plan", "--out", folder);

        Assert.True(code == 0, error);
        Assert.False(Directory.Exists(folder));
        Assert.Contains("plan of fig3 at the paper scale: 340 runs", output);
        Assert.Equal(340, RunLine().Matches(output).Count);
        Assert.Contains($"0 of 340 runs done in {folder}; 340 to run", output);
        Assert.Equal(recorded.Sum(RecordedSeconds) / 3600, CoreHours(output), 0.051);
        Assert.Contains("nothing was run (--plan)", output);
    }

    [Fact]
    public void Without_a_scale_a_figure_plans_its_smallest()
    {
        var folder = Path.Combine(_temporary.New(), "fig7");

        // fig7 has no small scale: its smallest is the claims scale.
        var (code, output, error) = CliRunner.Run("reproduce", "fig7", "--plan", "--out", folder);

        Assert.True(code == 0, error);
        Assert.Contains("plan of fig7 at the claims scale: 30 runs", output);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_plan_with_no_estimate_says_its_hours_are_unknown_rather_than_zero()
    {
        // No docs/recorded-runs in or above a temporary folder: nothing to estimate from.
        var nowhere = Verified.Cli.Planning.RecordedWallTimes.Find(_temporary.New());
        const string longest = "a-long-run-id-of-an-arm-with-many-parts-k75-s1-0123456789";
        var runs = new[] { new Verified.Cli.Planning.PlannedRun(longest, 10, null, false), new Verified.Cli.Planning.PlannedRun("b", 10, null, true) };
        var output = new StringWriter();

        Verified.Cli.Planning.RunPlan.Print("a test", runs, 0, 1, "/out", 2, nowhere, output);

        Assert.Contains("1 of 2 runs done in /out; 1 to run: core-hours and wall time unknown", output.ToString());
        // The id column is as wide as the longest id, so the columns stay in line.
        Assert.Contains($"  {"b".PadRight(longest.Length)} no estimate       done", output.ToString());
    }

    [Fact]
    public void A_figure_plan_marks_the_runs_out_holds_as_done_and_leaves_them_out_of_the_hours()
    {
        var folder = _temporary.New();
        var units = Directory.CreateDirectory(Path.Combine(folder, "units")).FullName;
        var copied = Directory.GetFiles(Recorded, "*.json").Order().Take(3).ToList();
        foreach (var file in copied)
        {
            File.Copy(file, Path.Combine(units, Path.GetFileName(file)));
        }
        var all = Directory.GetFiles(Recorded, "*.json").Sum(RecordedSeconds);

        var (code, output, error) = CliRunner.Run("reproduce", "fig3", "--scale", "paper", "--plan", "--out", folder);

        Assert.True(code == 0, error);
        Assert.Contains($"3 of 340 runs done in {folder}; 337 to run", output);
        Assert.All(copied, file => Assert.Matches($@"  {Path.GetFileNameWithoutExtension(file)} +\d+ s recorded  done\n", output));
        Assert.Equal((all - copied.Sum(RecordedSeconds)) / 3600, CoreHours(output), 0.051);
        Assert.Equal(3, Directory.GetFiles(units).Length);
    }

    [Fact]
    public void A_sweep_plan_lists_the_grid_marks_finished_runs_and_creates_nothing()
    {
        var folder = Path.Combine(_temporary.New(), "sweep");
        string[] grid = ["sweep", "--cell", "vanilla-tanh", "--n", "4", "--task", "copy", "--steps", "10", "--epochs", "3", "--batch", "2", "--schedules", "none", "--seeds", "2", "--out", folder];

        var (before, planned, plannedError) = CliRunner.Run([.. grid, "--delays", "3", "4", "--plan"]);
        Assert.True(before == 0, plannedError);
        Assert.False(Directory.Exists(folder));
        var (ran, _, ranError) = CliRunner.Run([.. grid, "--delays", "3", "--jobs", "1"]);
        Assert.True(ran == 0, ranError);
        var (code, output, error) = CliRunner.Run([.. grid, "--delays", "3", "4", "--plan"]);

        Assert.True(code == 0, error);
        Assert.Contains($"0 of 4 runs done in {folder}; 4 to run", planned);
        Assert.Contains($"2 of 4 runs done in {folder}; 2 to run", output);
        Assert.Equal(2, DoneLine().Matches(output).Count(match => match.Value.Contains("copy-d3-", StringComparison.Ordinal)));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Length);
    }

    [Fact]
    public void A_run_without_a_recorded_time_of_its_own_is_estimated_per_epoch_from_recorded_runs_like_it()
    {
        double Estimate(int epochs)
        {
            var (code, output, error) = CliRunner.Run("sweep", "--cell", "vanilla-tanh", "--task", "copy", "--delays", "13", "--schedules", "none", "--seeds", "1",
                "--steps", "300", "--batch", "16", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(_temporary.New(), "sweep"), "--plan");
            Assert.True(code == 0, error);
            return double.Parse(SimilarLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var (once, twice) = (Estimate(10000), Estimate(20000));

        Assert.InRange(once, 1, 1e5);
        // The plan prints whole seconds: twice the epochs is twice the time, up to the rounding of both numbers.
        Assert.Equal(2 * once, twice, 1.5);
    }

    [Fact]
    public void Plan_and_merge_are_refused_together()
    {
        var folder = Path.Combine(_temporary.New(), "fig");

        var (code, output, error) = CliRunner.Run("reproduce", "fig1", "--plan", "--merge", "--out", folder);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: --merge draws the figure; --plan only lists its runs", error.TrimEnd());
        Assert.False(Directory.Exists(folder));
    }

    [GeneratedRegex(@"to run: about (\d+\.\d) core-hours")]
    private static partial Regex CoreHoursLine();

    [GeneratedRegex(@"\n  \S+ +(\d+ s (recorded|similar )|no estimate +)  (done|to run)")]
    private static partial Regex RunLine();

    [GeneratedRegex(@"\n  \S+ +.*  done")]
    private static partial Regex DoneLine();

    [GeneratedRegex(@"\n  \S+ +(\d+) s similar   to run")]
    private static partial Regex SimilarLine();
}
