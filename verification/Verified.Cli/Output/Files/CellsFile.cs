using Verified.Cli.Commands;

namespace Verified.Cli.Output.Files;

/// <summary>What `cells --json` writes: each cell's sizes and parameter layout at N = <paramref name="N"/>.</summary>
public sealed record CellsFile(int N, IReadOnlyList<CellsCommand.CellDescription> Cells) : ToolFile("cells");
