using Verified.Initialisation;

namespace Verified.Cli.Commands;

/// <summary>
/// What the options that depend on a cell (<see cref="CellOptionRules"/>) need to know of it; null
/// where it is not known yet: a cell file's syntax decides most of it before the file is compiled,
/// and leaves the rest to the compiler.
/// </summary>
/// <param name="Name">The cell's name, as messages give it.</param>
/// <param name="NamesSize">Whether a size of the cell is named by a dimension other than the input size I (what --n sets).</param>
/// <param name="UsesGain">Whether a matrix of the cell is drawn with the gain g.</param>
/// <param name="HasInput">Whether the cell has an input.</param>
/// <param name="HasRecurrentGaussian">Whether a matrix of the cell is a recurrent Gaussian (what --init replaces).</param>
public sealed record CellFacts(string Name, bool? NamesSize, bool? UsesGain, bool HasInput, bool? HasRecurrentGaussian = null)
{
    /// <summary>Everything of a compiled cell.</summary>
    public static CellFacts Of(CellSpec cell) =>
        new(cell.Name, cell.DimensionNames.Any(name => name != "I"), ParameterInitialiser.UsesGain(cell), cell.Input is not null, ParameterInitialiser.HasRecurrentGaussian(cell));
}
