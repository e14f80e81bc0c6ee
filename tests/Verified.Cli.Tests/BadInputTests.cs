using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Bad input for every command: one line starting with "error", exit code 2, and no output written.</summary>
public sealed class BadInputTests
{
    private static readonly string[] CellCommands = ["check", "spectrum", "floss", "condition", "train", "sweep"];

    public static TheoryData<string[]> Cases()
    {
        using var folder = new TemporaryFolder();
        var malformed = Path.Combine(folder, "malformed.cs");
        File.WriteAllText(malformed, "[Verified.RecurrentCell] public partial class Broken { [Verified.State(\"N\")] public Verified.Vec h; }\n");
        var data = new TheoryData<string[]>();
        foreach (var command in CellCommands)
        {
            string[] Out(params string[] args) => command == "sweep" ? [command, .. args, "--out", Path.Combine(folder, "sweep-" + Guid.NewGuid().ToString("N"))] : [command, .. args];
            data.Add(Out("--cell", "no-such-cell"));
            data.Add(Out("--cell-file", Path.Combine(folder, "missing.cs")));
            data.Add(Out("--cell-file", malformed));
            data.Add(Out("--cell", "vanilla-tanh", "--n", "-3"));
            data.Add(Out("--cell", "vanilla-tanh", "--n", "three"));
        }
        data.Add(["train", "--cell", "vanilla-tanh", "--task", "parity"]);
        data.Add(["sweep", "--cell", "vanilla-tanh", "--task", "parity", "--out", Path.Combine(folder, "sweep-task")]);
        data.Add(["validate", "--out", Path.Combine(folder, "validate-parts"), "--parts", "everything"]);
        data.Add(["validate"]);
        data.Add(["reproduce", "fig7", "--scale", "small"]);
        data.Add(["frobnicate"]);
        data.Add(["frobnicate", "--cell", "vanilla-tanh"]);
        data.Add(["cells", "--n", "100000"]);
        data.Add(["spectrum", "--cell", "vanilla-tanh", "--n", "46341"]);
        data.Add(["condition", "--cell", "vanilla-tanh", "--n", "40000", "--m", "5"]);
        data.Add(["train", "--cell", "vanilla-tanh", "--n", "8", "--k", "9", "--flossing", "pre"]);
        data.Add(["sweep", "--cell", "vanilla-tanh", "--n", "8", "--ks", "9", "--schedules", "pre", "--out", Path.Combine(folder, "sweep-k")]);
        data.Add(["sweep", "--cell", "vanilla-tanh", "--delays", "2", "20", "--steps", "10", "--out", Path.Combine(folder, "sweep-delays")]);
        data.Add(["sweep", "--cell", "vanilla-tanh", "--json", Path.Combine(folder, "sweep.json"), "--out", Path.Combine(folder, "sweep-json")]);
        data.Add(["train", "--cell", "vanilla-tanh", "--flossing", "during", "--epochs", "2", "--floss-at", "99"]);
        data.Add(["train", "--cell", "vanilla-tanh", "--json", Path.Combine(folder, "missing", "train.json")]);
        data.Add(["reproduce", "fig1", "--scale", "huge", "--out", Path.Combine(folder, "fig1-huge")]);
        data.Add(["reproduce", "fig6", "--shard", "3/2", "--out", Path.Combine(folder, "fig6-shard")]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_one_line_and_exit_code_two(string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: ", error);
        var folder = OutFolder(args);
        Assert.True(folder is null || !Directory.Exists(folder) || Directory.GetFileSystemEntries(folder).Length == 0, $"output written to {folder}: {output}");
    }

    /// <summary>An output folder below a file cannot be created: exit code 2 before any work, for every command that writes a folder.</summary>
    [Theory]
    [InlineData("validate", "--parts", "derivatives")]
    [InlineData("reproduce", "fig6")]
    [InlineData("sweep", "--cell", "vanilla-tanh", "--epochs", "1")]
    public void Unwritable_output_folder_gives_exit_code_two(params string[] args)
    {
        using var temporary = new TemporaryFolder();
        var file = Path.Combine(temporary, "a-file");
        File.WriteAllText(file, "");

        var (code, _, error) = CliRunner.Run([.. args, "--out", Path.Combine(file, "out")]);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: --out", error);
        Assert.Contains("is a file, not a folder", error);
    }

    /// <summary>Under an address-space limit (ulimit -v) a run that cannot fit is refused with its estimate, not killed by "Out of memory".</summary>
    [Fact]
    public void A_run_larger_than_a_memory_limit_is_refused_naming_the_estimate_and_the_limit()
    {
        var dll = typeof(Verified.Cli.Commands.CommandLine).Assembly.Location;
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", $"ulimit -v 3000000; exec dotnet '{dll}' spectrum --cell vanilla-tanh --n 20000 --k 20000"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Matches(@"^error: a spectrum of vanilla-tanh at n = 20000 needs at least [0-9.]+ GB of memory .* more than the [0-9.]+ GB available", error);
    }

    private static string? OutFolder(string[] args)
    {
        var at = Array.IndexOf(args, "--out");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
