using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Verified.Tests.Shared;

/// <summary>
/// Runs one category of a test assembly's tests again in a child `dotnet test` with some environment variables set:
/// the runtime reads an instruction-set switch such as DOTNET_EnableAVX512=0 only when a process starts, so a test of
/// another vector path needs a process of its own.
/// </summary>
internal static class ChildTestRun
{
    /// <summary>The child's exit code, its standard output and error, and how many tests it passed (0 when it printed no count).</summary>
    public static async Task<(int ExitCode, string Output, int Passed)> RunAsync(string assembly, string category, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", ["test", assembly, "--filter", "Category=" + category])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var passed = Regex.Match(output, @"Passed:\s+(\d+)");
        return (process.ExitCode, output + await error, passed.Success ? int.Parse(passed.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }
}
