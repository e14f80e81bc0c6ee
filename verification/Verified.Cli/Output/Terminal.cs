using Spectre.Console;

namespace Verified.Cli.Output;

/// <summary>The console a command writes to: Spectre tables on a terminal, plain text when redirected or under CI=true.</summary>
public static class Terminal
{
    public static IAnsiConsole Create(TextWriter writer)
    {
        var plain = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("CI") == "true" || writer != Console.Out;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (plain)
        {
            console.Profile.Width = 160;
        }
        return console;
    }
}
