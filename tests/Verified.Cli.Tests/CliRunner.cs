using Verified.Cli.Commands;

namespace Verified.Cli.Tests;

/// <summary>Runs the `verified` command in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Starts the `verified` command as a process of its own (with <paramref name="environment"/> added), its output and error redirected.</summary>
    public static System.Diagnostics.Process Start(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "verified.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return System.Diagnostics.Process.Start(start)!;
    }

    /// <summary>The layout of a cell declared in <paramref name="source"/>, compiled as a cell file, at its fixed sizes.</summary>
    public static CellLayout CompiledLayout(string source) =>
        Verified.Cli.CellFiles.CellFileCompiler.CompileSource(source, "cell.cs")[0].Layout(CellDimensions.Of(1, 0));

    /// <summary>A cell file named <paramref name="name"/> holding <paramref name="source"/>, in <paramref name="folder"/>; its path.</summary>
    public static string CellFile(TemporaryFolder folder, string source, string name = "cell.cs")
    {
        var file = folder.File(name);
        File.WriteAllText(file, source);
        return file;
    }
}
