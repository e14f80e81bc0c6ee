using System.CommandLine;
using Verified.Cli.Plots;

namespace Verified.Cli.Commands;

/// <summary>
/// --plot PATH.png of spectrum, floss, condition and train: the run drawn as `validate` draws its
/// part of the same kind (the running exponents; the flossing loss and exponents; κ2 against the
/// horizon; the training curves). The file is written through a temporary file, like every output.
/// </summary>
public static class PlotOption
{
    /// <summary>The option, its help saying <paramref name="what"/> is drawn.</summary>
    public static Option<FileInfo?> Create(string what)
    {
        var option = new Option<FileInfo?>("--plot") { Description = $"Draw {what} in this PNG file (default: no plot)" }.WritableFile();
        option.Validators.Add(result =>
        {
            if (OptionRules.TryValue(result, out FileInfo? file) && file is not null && !file.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--plot '{file}' is not a .png file: the plot is a PNG image");
            }
        });
        return option;
    }

    /// <summary>Draws the panels <paramref name="draw"/> makes into --plot's file, if it was given.</summary>
    public static void Write(ParseResult result, Option<FileInfo?> option, Func<Panels> draw, int panelHeight = 330)
    {
        if (result.GetValue(option) is { } file)
        {
            draw().Save(file.FullName, panelHeight: panelHeight);
        }
    }
}
