using System.CommandLine;

namespace Verified.Cli.Commands;

/// <summary>
/// The options whose meaning depends on the cell, checked in one place once the cell is known: a
/// size, gain or input the cell has no use for is refused (exit 2), never silently ignored.
/// </summary>
public static class CellOptionRules
{
    /// <summary>Refuses the options <paramref name="cell"/> has no use for, as far as its facts are known.</summary>
    public static void Check(ParseResult result, CommonOptions options, CellFacts cell)
    {
        // --n sets every named size but the input size I (CellDimensions.Of).
        if (cell.NamesSize == false)
        {
            OptionRules.RefuseGiven(result, [options.N], $"has nothing to size: every size of cell {cell.Name} is fixed");
        }
        if (cell.UsesGain == false)
        {
            OptionRules.RefuseGiven(result, [options.Gain], $"has nothing to scale: cell {cell.Name} has no recurrent Gaussian, orthogonal or hidden-uniform parameter");
        }
        // --init replaces only the recurrent Gaussian matrices' draw (ParameterInitialiser.Initialise).
        if (options.RecurrentInit is { } init && cell.HasRecurrentGaussian == false)
        {
            OptionRules.RefuseGiven(result, [init], $"chooses the draw of recurrent Gaussian matrices, but cell {cell.Name} has none");
        }
        if (!cell.HasInput)
        {
            OptionRules.RefuseGiven(result, options.InputOptions.Where(option => result.GetResult(option)?.GetValueOrDefault<string?>() is not (null or "none")),
                $"feeds an input, but cell {cell.Name} has none");
        }
    }
}
