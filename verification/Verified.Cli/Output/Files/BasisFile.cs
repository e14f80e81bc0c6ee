using Verified.Flossing;

namespace Verified.Cli.Output.Files;

/// <summary>What `basis --json` writes: for each transient, the spread of the flossing loss and gradient over random initial bases.</summary>
public sealed record BasisFile(RunConfiguration Configuration, string Cell, IReadOnlyList<BasisSpread> Spreads) : CellRunFile("basis", Configuration);

/// <summary>The options of a `basis` run: the flossing horizon, the transients tried and the random bases per transient.</summary>
public sealed record BasisRunOptions(FlossOptions Flossing, IReadOnlyList<int> Transients, int Samples);
