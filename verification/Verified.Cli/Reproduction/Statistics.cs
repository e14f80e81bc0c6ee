using Verified.Lyapunov;
using Verified.Training;

namespace Verified.Cli.Reproduction;

/// <summary>Summaries of a set of runs, as the figures and the claims report them.</summary>
public static class Statistics
{
    /// <summary>The p-quantile by linear interpolation between order statistics (numpy's default); NaN for no values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var fraction = position - below;
        // At an order statistic itself no interpolation: 0 × (∞ − x) would be NaN for a run counted as never trained.
        return fraction == 0 ? sorted[below] : sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /// <summary>
    /// The MSE of always predicting the target's mean, i.e. the target's variance: 1/12 for the copy
    /// task on x ~ U(0, 1), 1/4 on bits; for |x − y| with x, y ~ U(0, 1), E = 1/3 and E² = 1/6, so
    /// 1/6 − 1/9 = 1/18. Null for the binary tasks, whose chance level is an accuracy of 1/2.
    /// </summary>
    public static double? ChanceLoss(string task, InputKind? input = null) => (task, input) switch
    {
        ("copy", InputKind.Bernoulli) => 1.0 / 4,
        ("copy", _) => 1.0 / 12,
        ("continuous-xor", _) => 1.0 / 18,
        _ => null,
    };

    /// <summary>The chance loss of a run's task with its own inputs.</summary>
    public static double? ChanceLoss(TrainOptions options) => ChanceLoss(options.Task, options.TaskInput);
}
