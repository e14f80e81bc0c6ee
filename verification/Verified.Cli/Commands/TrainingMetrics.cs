using System.Globalization;

namespace Verified.Cli.Commands;

/// <summary>What train and sweep print, defined once for their help and the README ("What the numbers mean").</summary>
public static class TrainingMetrics
{
    /// <summary>The definitions, as the commands' help gives them.</summary>
    public const string Help =
        "Printed: loss, the training loss of the epoch's batch before the epoch's Adam step (mean squared error, or binary cross-entropy of the outputs as logits, over the steps t ≥ d); "
        + "test, the same loss on a held-out batch of 64 sequences drawn once from the seed, after the epoch's step (evaluated every --eval-every epochs; with --epochs 0, of the starting network); accuracy, only for tasks whose targets are bits (xor, spatial-xor, copy on bits), "
        + "the share of the test batch's targets whose output (after a sigmoid for logits) lies on the same side of 0.5; |∂L/∂h0|, the norm of the training loss's "
        + "gradient with respect to the initial state; and the wall time per epoch";

    /// <summary>"accuracy A  " where the task has an accuracy, nothing otherwise.</summary>
    public static string Accuracy(bool hasAccuracy, double accuracy) =>
        hasAccuracy ? string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy,6:F3}  ") : "";
}
