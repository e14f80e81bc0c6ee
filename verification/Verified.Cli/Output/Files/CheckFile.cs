using Verified.Cli.Commands;

namespace Verified.Cli.Output.Files;

/// <summary>What `check --json` writes: every check named by its cell, whether all passed, and the checks cell by cell.</summary>
public sealed record CheckFile(IReadOnlyList<CheckCommand.CheckRow> Checks, bool Passed, IReadOnlyList<CheckCommand.CellReport> Cells) : ToolFile("check");
