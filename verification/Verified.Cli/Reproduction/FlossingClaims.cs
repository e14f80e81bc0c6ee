using System.Globalization;

namespace Verified.Cli.Reproduction;

/// <summary>
/// The paper's sentences about flossing itself (Sec 4 and Fig 1, appendix B and Fig 6) as tests on
/// finished flossing runs. Every test reads the spectrum measured independently after flossing
/// (<see cref="FlossingRun.After"/>, a longer horizon than flossing's own estimate), not flossing's
/// estimate. "Reached" means within <see cref="Reached"/> of the target; "the networks" means at
/// least 9 of 10 (all but one).
/// </summary>
public static class FlossingClaims
{
    /// <summary>An exponent within this distance of its target has reached it.</summary>
    public const double Reached = 0.1;

    /// <summary>λ1 of <paramref name="runs"/> reached <paramref name="target"/>: how many did, of how many.</summary>
    public static (int Reached, int Runs) Lambda1Reached(IReadOnlyList<FlossingRun> runs, double target) =>
        (runs.Count(run => Math.Abs(run.After[0] - target) <= Reached), runs.Count);

    /// <summary>The largest |λ_i| over the k flossed exponents after flossing, per run.</summary>
    public static IReadOnlyList<double> FlossedDistance(IReadOnlyList<FlossingRun> runs) =>
        [.. runs.Select(run => run.After.Take(run.K).Max(Math.Abs))];

    /// <summary>Most of the runs: all but at most one in ten.</summary>
    public static bool Most(int count, int runs) => 10 * count >= 9 * runs;

    /// <summary>Fig 1 at the paper's protocol: targets −1, −0.5, 0 reached within the epochs run; a positive target not; k = 1, 16, 32 exponents flossed to zero.</summary>
    public static IReadOnlyList<ClaimVerdict> Figure1(IReadOnlyDictionary<double, IReadOnlyList<FlossingRun>> byTarget, IReadOnlyDictionary<int, IReadOnlyList<FlossingRun>> byK, int epochs)
    {
        var verdicts = new List<ClaimVerdict>();
        foreach (var (target, runs) in byTarget.Where(entry => entry.Key <= 0).OrderBy(entry => entry.Key))
        {
            var (reached, count) = Lambda1Reached(runs, target);
            verdicts.Add(new ClaimVerdict("C1.1", $"Flossing λ1 toward {F(target)} reaches it within 100 epochs (Sec 4, Fig 1B).",
                $"after {epochs} epochs, λ1 within {Reached} of {F(target)} for at least 9 in 10 networks (g ~ U(0, 1), N = 32, input N(0, 1))",
                $"{reached}/{count} reached; λ1 after: {Range(runs.Select(run => run.After[0]))}", Most(reached, count) ? "holds" : "does not hold"));
        }
        foreach (var (target, runs) in byTarget.Where(entry => entry.Key > 0))
        {
            var positive = runs.Count(run => run.After[0] > Reached);
            verdicts.Add(new ClaimVerdict("C1.2", $"Flossing toward a positive target λ1 = {F(target)} does not arrive at a positive λ1 (Sec 4).",
                $"after {epochs} epochs, λ1 ≤ {Reached} for at least 9 in 10 networks",
                $"{runs.Count - positive}/{runs.Count} stay at λ1 ≤ {Reached}; λ1 after: {Range(runs.Select(run => run.After[0]))}", Most(runs.Count - positive, runs.Count) ? "holds" : "does not hold"));
        }
        foreach (var (k, runs) in byK.OrderBy(entry => entry.Key))
        {
            var distances = FlossedDistance(runs);
            var median = Statistics.Percentile(distances, 0.5);
            verdicts.Add(new ClaimVerdict("C1.3", $"Flossing k = {k} exponents puts k exponents close to zero (Sec 4, Fig 1C/D).",
                $"the median over the networks of the largest absolute flossed exponent after flossing ≤ {Reached}, and the flossing loss falls at least tenfold",
                string.Create(CultureInfo.InvariantCulture, $"median {median:0.000} (25–75 %: {Statistics.Percentile(distances, 0.25):0.000}–{Statistics.Percentile(distances, 0.75):0.000}); loss {Range(runs.Select(run => run.History[^1].Loss / run.History[0].Loss))} of its first epoch"),
                median <= Reached && runs.All(run => run.History[^1].Loss <= run.History[0].Loss / 10) ? "holds" : "does not hold"));
        }
        return verdicts;
    }

    /// <summary>Fig 6 at the paper's protocol: λ1 of LSTM and ReLU networks flossed to 0; −1 reached by only some LSTMs.</summary>
    public static IReadOnlyList<ClaimVerdict> Figure6(IReadOnlyList<FlossingRun> lstmToZero, IReadOnlyList<FlossingRun> lstmToMinusOne, IReadOnlyList<FlossingRun> reluToZero, int epochs)
    {
        var (lstm, lstmCount) = Lambda1Reached(lstmToZero, 0);
        var (minusOne, minusOneCount) = Lambda1Reached(lstmToMinusOne, -1);
        var (relu, reluCount) = Lambda1Reached(reluToZero, 0);
        var unstable = reluToZero.Count(run => run.Before[0] > 0);
        var failed = reluToZero.Count(run => run.Failure is not null);
        // A spectrum of −∞ is written as null and reads back as NaN.
        var silent = reluToZero.Count(run => !double.IsFinite(run.Before[0]));
        return
        [
            new("C6.1", "LSTM networks: flossing brings λ1 to 0 within 100 epochs (appendix B.1, Fig 6A/B).",
                $"after {epochs} epochs, λ1 within {Reached} of 0 for at least 9 in 10 LSTMs (g ~ U(0, 1), N = 32, input N(0, 1))",
                $"{lstm}/{lstmCount} reached; λ1 before {Range(lstmToZero.Select(run => run.Before[0]))}, after {Range(lstmToZero.Select(run => run.After[0]))}", Most(lstm, lstmCount) ? "holds" : "does not hold"),
            new("C6.2", "LSTM networks: the target λ1 = −1 is reached only by some networks (appendix B.1).",
                $"after {epochs} epochs, λ1 within {Reached} of −1 for at least one and at most 9 of 10 LSTMs",
                $"{minusOne}/{minusOneCount} reached; λ1 after {Range(lstmToMinusOne.Select(run => run.After[0]))}", minusOne >= 1 && minusOne < minusOneCount ? "holds" : "does not hold"),
            new("C6.3", "ReLU networks (W ~ N(−0.1, g²/N)): flossing brings λ1 to 0 within 100 epochs, and stabilises those that start unstable (appendix B.1, Fig 6C/D).",
                $"after {epochs} epochs, λ1 within {Reached} of 0 for at least 9 in 10 networks; not testable where most networks have no finite λ1 to floss",
                $"{relu}/{reluCount} reached; {silent} had λ1 = −∞ before flossing (at some step every unit is silent, so D_s = 0); {failed} stopped on a loss or gradient that is not finite; "
                    + $"{unstable} started with λ1 > 0; λ1 before {Range(reluToZero.Select(run => run.Before[0]))}, after {Range(reluToZero.Select(run => run.After[0]))}",
                2 * (silent + failed) > reluCount ? "not testable as stated" : Most(relu, reluCount) ? "holds" : "does not hold"),
        ];
    }

    /// <summary>The verdicts as claims.md's table.</summary>
    public static string Markdown(string title, IReadOnlyList<ClaimVerdict> verdicts)
    {
        var text = new System.Text.StringBuilder($"# {title}\n\n| row | claim | test | measured | verdict |\n|---|---|---|---|---|\n");
        foreach (var verdict in verdicts)
        {
            text.AppendLine($"| {verdict.Id} | {PaperClaims.Cell(verdict.Sentence)} | {PaperClaims.Cell(verdict.Test)} | {PaperClaims.Cell(verdict.Measured)} | **{verdict.Verdict}** |");
        }
        return text.ToString();
    }

    private static string Range(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
        {
            return "none finite";
        }
        return string.Create(CultureInfo.InvariantCulture, $"{list.Min():0.000} to {list.Max():0.000}");
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);
}
