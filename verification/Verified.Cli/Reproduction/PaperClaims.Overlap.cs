using System.Globalization;
using Verified.Experiments.Sweeps;
using Verified.Training;

namespace Verified.Cli.Reproduction;

public static partial class PaperClaims
{
    /// <summary>Evaluations counted as "around" learning: within this many epochs of the first evaluation above 0.6 accuracy.</summary>
    public const int OverlapAround = 100;
    /// <summary>The earlier window the overlap is compared with: from this many epochs before learning …</summary>
    public const int OverlapBeforeFrom = 1000;
    /// <summary>… to this many before it (so that the two windows do not touch).</summary>
    public const int OverlapBeforeTo = 300;
    /// <summary>A "significant increase": the median |cos| around learning at least this many times the median before it.</summary>
    public const double OverlapIncrease = 2;

    /// <summary>
    /// Appendix D: the overlap |cos| of ∂L/∂h_0 with the first Lyapunov vector at h_0 rises around the epoch where the
    /// accuracy passes chance, with flossing and without. A run counts when it learns (an evaluation above 0.6 accuracy, as
    /// C8.3) late enough to have at least five evaluations in the earlier window; it shows the rise when the median overlap
    /// over the evaluations within ±<see cref="OverlapAround"/> epochs of that evaluation is at least
    /// <see cref="OverlapIncrease"/> times the median over those from <see cref="OverlapBeforeFrom"/> to
    /// <see cref="OverlapBeforeTo"/> epochs before it. The claim holds for a group when at least 4 in 5 of its counted runs show it.
    /// The recorded vector is the first forward (not covariant) one, which is what exists at h_0 (docs/design.md).
    /// </summary>
    private static IEnumerable<ClaimVerdict> OverlapVerdicts(IReadOnlyList<SweepResult> results)
    {
        var recorded = results.Where(result => result.Outcome.History.Any(epoch => epoch.ClvOverlap is not null)).ToList();
        foreach (var (flossed, label) in new[] { (true, "with flossing"), (false, "without flossing") })
        {
            var group = recorded.Where(result => result.Run.Options.Flossing != FlossingSchedule.None == flossed).ToList();
            if (group.Count == 0)
            {
                continue;
            }
            var rises = group.Select(OverlapRise).Where(rise => rise is not null).Select(rise => rise!.Value).ToList();
            var shown = rises.Count(rise => rise.Around >= OverlapIncrease * rise.Before);
            var where = string.Join(", ", group.Select(result => $"{result.Run.Options.Task} d = {result.Run.Options.Delay}").Distinct());
            // E|cos| between a fixed and a uniformly random unit vector in n dimensions is about √(2/(π n)), the level of no alignment.
            var random = string.Join(", ", group.Select(result => result.Run.N).Distinct().Order().Select(n => string.Create(CultureInfo.InvariantCulture, $"{Math.Sqrt(2 / (Math.PI * n)):0.00} at n = {n}")));
            var measured = rises.Count == 0
                ? $"none of {group.Count} runs ({where}) learned late enough to compare"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{shown}/{rises.Count} learning runs of {group.Count} ({where}); median |cos| before → around: {string.Join(", ", rises.Select(rise => $"{rise.Before:0.00} → {rise.Around:0.00}"))} (a random direction: {random})");
            // CD.2: appendix D measures the first covariant vector, undefined at h_0, which has no past (CD.1 in docs/claims.md);
            // this is its stand-in, the first forward Lyapunov vector: the direction a perturbation of h_0 grows fastest along the sequence.
            yield return new ClaimVerdict("CD.2", $"The overlap of ∂L/∂h_0 with the first forward Lyapunov vector at h_0, the first covariant vector's stand-in, rises around the epoch where the accuracy passes chance, {label} (appendix D).",
                $"in the runs that learn (an evaluation above 0.6 accuracy at epoch e), the median |cos| over evaluations in e ± {OverlapAround} is at least {OverlapIncrease:0}× its median over e − {OverlapBeforeFrom} to e − {OverlapBeforeTo}, in at least 4 in 5",
                measured, rises.Count < MinimumRuns ? "not yet run" : 5 * shown >= 4 * rises.Count ? "holds" : "does not hold");
        }
    }

    /// <summary>The epoch where a run's accuracy passes chance: its first evaluation above 0.6 test accuracy (appendix D, Figs 8B, 9); null if none.</summary>
    public static int? LearningEpoch(SweepResult result) => result.Outcome.History.FirstOrDefault(epoch => epoch.TestAccuracy > 0.6)?.Epoch;

    /// <summary>The median overlap before and around <see cref="LearningEpoch"/>; null when the run never learns or learns too early to have an earlier window.</summary>
    private static (double Before, double Around)? OverlapRise(SweepResult result)
    {
        var history = result.Outcome.History;
        if (LearningEpoch(result) is not { } learns)
        {
            return null;
        }
        double[] Overlaps(int from, int to) => [.. history.Where(epoch => epoch.Epoch >= from && epoch.Epoch <= to && epoch.ClvOverlap is not null).Select(epoch => epoch.ClvOverlap!.Value)];
        var before = Overlaps(learns - OverlapBeforeFrom, learns - OverlapBeforeTo - 1);
        var around = Overlaps(learns - OverlapAround, learns + OverlapAround);
        return before.Length < 5 || around.Length == 0 ? null : (Statistics.Percentile(before, 0.5), Statistics.Percentile(around, 0.5));
    }
}
