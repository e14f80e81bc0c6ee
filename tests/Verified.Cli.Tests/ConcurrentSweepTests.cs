using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Several processes started at once on one sweep folder, as a job array's tasks are: none crashes, each run is computed once, and the merge finds them all.</summary>
public sealed class ConcurrentSweepTests
{
    [Fact]
    public void Processes_sharing_a_sweep_folder_compute_every_run_once_and_the_merge_is_complete()
    {
        using var folder = new TemporaryFolder();
        // Many runs of milliseconds each, so that the processes keep meeting at claims that are being made and released.
        string[] sweep = ["sweep", "--cell", "vanilla-tanh", "--n", "4", "--task", "copy", "--delays", "2", "3", "4", "5", "--schedules", "none",
            "--seeds", "12", "--steps", "10", "--epochs", "2", "--out", folder, "--jobs", "1"];
        var processes = Enumerable.Range(0, 4).Select(_ => CliRunner.Start(sweep)).ToList();
        var outputs = processes.Select(process => (Output: process.StandardOutput.ReadToEndAsync(), Error: process.StandardError.ReadToEndAsync())).ToList();
        processes.ForEach(process => process.WaitForExit());

        var logs = outputs.Select(output => output.Output.Result + output.Error.Result).ToList();
        Assert.All(processes.Zip(logs), pair => Assert.True(pair.First.ExitCode == 0, pair.Second));
        var runs = Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(4 * 12, runs.Count);
        // A process prints each run it computes with its final test loss.
        var computed = logs.SelectMany(log => log.Split('\n')).Where(line => line.Contains(": final test loss")).Select(line => line[..line.IndexOf(':')]).ToList();
        Assert.Equal(runs.Order(StringComparer.Ordinal), computed.Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "runs"), "*.lock"));
        var (merged, output, error) = CliRunner.Run("sweep", "--out", folder, "--merge");
        Assert.True(merged == 0, error);
        Assert.Contains("48 runs merged", output);
    }
}
