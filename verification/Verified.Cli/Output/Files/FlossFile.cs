using Verified.Flossing;

namespace Verified.Cli.Output.Files;

/// <summary>What `floss --json` writes: every epoch's loss and flossed exponents, in the exponents' unit.</summary>
public sealed record FlossFile(RunConfiguration Configuration, string Cell, string Unit, double? TimeStep, IReadOnlyList<FlossEpoch> History)
    : CellRunFile("floss", Configuration);

/// <summary>The options of a `floss` run: the kernels' precision ("float" or "double") and the library's flossing options.</summary>
public sealed record FlossRunOptions(string Precision, FlossOptions Flossing);
