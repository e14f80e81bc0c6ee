using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Verified.Packaging.Tests;

/// <summary>What a child process printed (stdout and stderr interleaved) and how it exited.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>The result, or a failure naming the command, its exit code and everything it printed.</summary>
    public ProcessResult Succeeded() => ExitCode == 0
        ? this
        : throw new XunitException($"'{Command}' exited with {ExitCode}; it printed:{Environment.NewLine}{Output}");
}

/// <summary>
/// Runs <c>dotnet</c> (or an installed tool) as a child process, as a user would from a shell, with
/// a time limit. MSBuild node reuse and the compiler server are off, so that no process outlives
/// the command holding its output open; variables that the test host's own MSBuild set are not
/// passed on, so that the child finds its SDK as a user's shell would.
/// </summary>
public static class DotnetProcess
{
    /// <summary>The dotnet host that runs these tests (the CLI passes its path to its children).</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    public static ProcessResult Dotnet(string workingDirectory, TimeSpan timeLimit, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Run(Host, workingDirectory, timeLimit, environment, arguments);

    public static ProcessResult Run(string executable, string workingDirectory, TimeSpan timeLimit, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var command = string.Join(' ', arguments.Prepend(Path.GetFileName(executable)));
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        void Append(object _, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        }
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeLimit);
        try
        {
            // Waits for the exit and for the end of both output streams.
            process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                throw new XunitException($"'{command}' did not finish within {timeLimit.TotalMinutes:0.#} min; it printed:{Environment.NewLine}{output}");
            }
        }
        lock (output)
        {
            return new ProcessResult(command, process.ExitCode, output.ToString());
        }
    }
}
