using System.Diagnostics;
using Xunit;

namespace Verified.Samples.Tests;

/// <summary>The program of docs/library.md (samples/Verified.Samples) run once as a user would, in its own process: what it printed.</summary>
public static class SampleRun
{
    public static Lazy<string> Output { get; } = new(Run);

    private static string Run()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Verified.Samples.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the sample exited with {process.ExitCode}: {error.Result}");
        Assert.Equal("", error.Result);
        return output;
    }
}
