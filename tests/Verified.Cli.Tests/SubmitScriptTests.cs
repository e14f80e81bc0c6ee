using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// deploy/slurm/submit.sh against a stand-in sbatch that records its arguments: each array task gets
/// the --time that `--plan` derives from the recorded runs unless SBATCH_OPTIONS sets one, and a rerun
/// of some tasks (ARRAY) goes through it too, keeping the shard count, the logs in OUT/logs and SBATCH_OPTIONS.
/// </summary>
public sealed partial class SubmitScriptTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    private (int Code, string[] Calls, string Error) Submit(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var folder = _temporary.New();
        var calls = Path.Combine(folder, "sbatch.calls");
        var sbatch = Path.Combine(folder, "sbatch");
        File.WriteAllText(sbatch, $"#!/usr/bin/env bash\necho \"SHARDS=${{SHARDS:-}} $*\" >> '{calls}'\necho 4242\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "deploy", "slurm", "submit.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = folder + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["VERIFIED"] = "dotnet " + Path.Combine(AppContext.BaseDirectory, "verified.dll");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, File.Exists(calls) ? File.ReadAllLines(calls) : [], error.Result);
    }

    [Fact]
    public void Each_task_gets_the_time_the_plan_derives_from_the_recorded_runs()
    {
        var out_ = Path.Combine(_temporary.New(), "fig3");
        var (_, plan, _) = CliRunner.Run("reproduce", "fig3", "--scale", "paper", "--plan", "--shard", "0/32", "--jobs", "2", "--out", out_);
        var time = TimeOption().Match(plan).Value;

        var (code, calls, error) = Submit(new Dictionary<string, string>(), "reproduce", "fig3", "paper", out_, "32");

        Assert.True(code == 0, error);
        Assert.StartsWith("--time=", time);
        Assert.Equal(2, calls.Length);
        Assert.Contains($" --array=0-31 --output={out_}/logs/%x-%A_%a.out {time} ", calls[0]);
        Assert.StartsWith("SHARDS=32 ", calls[0]);
        Assert.DoesNotContain("--time", calls[1]);
        Assert.True(Directory.Exists(Path.Combine(out_, "logs")));
    }

    [Fact]
    public void A_rerun_of_some_tasks_keeps_the_shards_the_logs_and_the_options()
    {
        var out_ = Path.Combine(_temporary.New(), "fig3");

        var (code, calls, error) = Submit(new Dictionary<string, string> { ["ARRAY"] = "5,17", ["SBATCH_OPTIONS"] = "--partition=cpu --time=02:00:00" },
            "reproduce", "fig3", "paper", out_, "32");

        Assert.True(code == 0, error);
        Assert.Equal(2, calls.Length);
        Assert.Matches($@"^SHARDS=32 .* --array=5,17 --output={Regex.Escape(out_)}/logs/%x-%A_%a.out --partition=cpu --time=02:00:00 \S+/reproduce.sbatch fig3 paper {Regex.Escape(out_)}$", calls[0]);
        Assert.Single(Regex.Matches(calls[0], "--time="));
        Assert.Contains("--dependency=afterok:4242", calls[1]);
        Assert.Contains("--partition=cpu", calls[1]);
    }

    [GeneratedRegex(@"--time=\d+-\d\d:\d\d:00")]
    private static partial Regex TimeOption();
}
