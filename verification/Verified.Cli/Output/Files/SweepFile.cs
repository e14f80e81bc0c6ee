using Verified.Cli.Reproduction;
using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;

namespace Verified.Cli.Output.Files;

/// <summary>What `sweep --merge` writes (sweep.json): the builds and numerical versions the runs came from, every run and the groups of seeds.</summary>
public sealed record SweepFile(IReadOnlyList<OriginCount> Units, IReadOnlyList<SweepResult> Runs, IReadOnlyList<RunGroup> Groups) : ToolFile("sweep");
