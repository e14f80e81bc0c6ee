using System.CommandLine;
using Verified.Flossing;

namespace Verified.Cli.Commands;

/// <summary>
/// What flossing may update, checked before any work: a cell with no parameter to floss (Lorenz-63,
/// say, or one whose only parameter is its [TimeStep]) is refused rather than "flossed" with nothing
/// changing, and --floss-parameters must name the cell's parameters (<see cref="Flosser.FlossedParameters"/>).
/// </summary>
public static class FlossedParameterRule
{
    /// <summary>--floss-parameters, shared by floss, train and sweep.</summary>
    public static Option<string[]?> Option() => new("--floss-parameters")
    {
        Description = "Flossed cell parameters, names as `verified cells` lists them, separated by spaces (e.g. W b; default: every parameter but a [TimeStep], which is flossed only when named)",
        HelpName = "name",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Refuses (exit 2) flossing <paramref name="layout"/>'s cell with <paramref name="names"/> (null: the default) when it would floss nothing or names what the cell lacks.</summary>
    public static void Check(CellLayout layout, IReadOnlyList<string>? names)
    {
        try
        {
            Flosser.FlossedParameters(layout, names);
        }
        catch (ArgumentException refused)
        {
            throw new UsageException(refused.Message);
        }
    }
}
