using Verified.Experiments.Results;

namespace Verified.Cli.Output;

/// <summary>The build whose code computes every result of the command: the CLI, the runtime, the experiments and the precision path.</summary>
public static class CliBuild
{
    /// <summary>What every result this build stores records as its origin: its build and numerical version.</summary>
    public static ResultOrigin Origin { get; } = ResultOrigin.Of(typeof(CliBuild).Assembly, typeof(CellSpec).Assembly, typeof(ResultStore).Assembly,
        typeof(Verified.Precision.Condition.ConditionRun).Assembly);
}
