using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Storage;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Appendix J: re-orthonormalising only every t_ONS steps leaves the exponents unchanged while the
/// product of t_ONS Jacobians stays well conditioned (Eq 28: κ2 of Q̃ ≈ exp((λ1 − λk) t_ONS)). One
/// vanilla-tanh network (N = 80 at the paper scale, g = 1, input x ~ N(0, 1)), the full spectrum
/// (k = N) over the same trajectory and Q_0 for t_ONS = 1, 2, 3, 5, 8, 12; the exponents of t_ONS = 1
/// are the reference. In exact arithmetic the QR of a product equals the product of the QRs, so any
/// difference is rounding, amplified by the condition of Q̃.
/// </summary>
public sealed class AppendixJ : Figure
{
    private static readonly int[] Intervals = [1, 2, 3, 5, 8, 12];

    /// <summary>Well conditioned: κ2 of Q̃ at most 1/√ε of double (2²⁶), so that at least half of the digits survive its QR.</summary>
    public static readonly double WellConditioned = Math.Pow(2, 26);

    /// <summary>
    /// The largest change of an exponent from t_ONS = 1 that counts as none: below the spread of the finite-time estimates over
    /// initial states after 10⁴ steps (3e-4 to 5e-4 in Fig 16's runs), so that the choice of t_ONS cannot be told from the data.
    /// </summary>
    public const double Unchanged = 1e-4;

    public override string Name => "appj";
    public override string Title => "the exponents do not depend on t_ONS while Q̃ stays well conditioned (appendix J)";

    private static (int N, int Steps) Of(Scale scale) => scale == Scale.Paper ? (80, 10_080) : (20, 2_040);

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        var (n, steps) = Of(scale);
        return [.. Intervals.Select(tons => Run(scale, $"tons-{tons}", steps,
            new IntervalProtocol("vanilla-tanh", BuiltInCells.Find("vanilla-tanh")!.SourceHash, n, 1.0, 10, InputKind.Gaussian, steps, 200, 240, tons),
            tick =>
        {
            var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n));
            var theta = ParameterInitialiser.Create(layout, 1.0, new Rng(10));
            return LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
            {
                K = n, Steps = steps, Transient = 200, QTransient = 240, OrthonormaliseEvery = tons, Input = InputKind.Gaussian, Seed = 10, TrackLogDet = false,
            }, tick).Exponents;
        }))];
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var (n, steps) = Of(scale);
        var spectra = Intervals.ToDictionary(tons => tons, tons => results.Get<double[]>($"tons-{tons}"));
        var rows = Rows(spectra);
        SpectrumPlot.WriteSpectra([.. Intervals.Select(tons => ($"t_ONS = {tons}", spectra[tons]))], Path.Combine(folder, "appj-spectra.png"),
            $"Appendix J: the spectrum of one vanilla-tanh network (N = {n}, g = 1, x ~ N(0, 1)) at several t_ONS");
        var chart = new Chart($"Appendix J: largest change of an exponent from t_ONS = 1\nagainst κ2 of Q̃ ≈ exp((λ1 − λ{n}) t_ONS), Eq 28", "κ2 of Q̃ (Eq 28)", "max_i change of λ_i (per step)", logY: true, logX: true);
        var finite = rows.Where(row => row.OrthonormaliseEvery > 1 && row.MaxChange > 0 && double.IsFinite(row.KappaEq28)).ToList();
        chart.Line("t_ONS = " + string.Join(", ", finite.Select(row => row.OrthonormaliseEvery)), [.. finite.Select(row => row.KappaEq28)], [.. finite.Select(row => row.MaxChange)], Chart.Colour(0), markers: true);
        chart.VerticalMark("well conditioned below 1/√ε", WellConditioned, ScottPlot.Colors.DarkGreen);
        chart.VerticalMark("1/ε of double", Math.Pow(2, 52), ScottPlot.Colors.Gray);
        chart.Save(Path.Combine(folder, "appj-change.png"));
        var csv = new CsvTable("tons", "kappaEq28", "maxChange");
        foreach (var row in rows)
        {
            csv.Row(row.OrthonormaliseEvery, row.KappaEq28, row.MaxChange);
        }
        csv.Save(Path.Combine(folder, "appj.csv"));

        var verdicts = scale == Scale.Paper ? new[] { Verdict(rows, n) } : [];
        if (verdicts.Length > 0)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, "claims.md"), FlossingClaims.Markdown("Appendix J: the paper's sentences on our runs (paper scale)", verdicts) + UnitOrigins.Markdown(results.Origins));
        }
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "appj.json")), new AppendixJFile(FigureFile.NameOf(scale), results.Origins, n, steps, verdicts, rows, spectra));
    }

    /// <summary>
    /// Per t_ONS: κ2 of Q̃ from t_ONS = 1's spectrum by Eq 28, exp((λ1 − λN) t_ONS), and the largest change of an exponent from
    /// t_ONS = 1's.
    /// </summary>
    public static IReadOnlyList<IntervalRow> Rows(IReadOnlyDictionary<int, double[]> spectra)
    {
        var reference = spectra[1];
        return [.. spectra.Keys.Order().Select(tons => new IntervalRow(tons, Math.Exp((reference[0] - reference[^1]) * tons),
            spectra[tons].Zip(reference, (a, b) => Math.Abs(a - b)).Max()))];
    }

    /// <summary>CJ.1: every t_ONS > 1 whose Q̃ is well conditioned (κ2 ≤ <see cref="WellConditioned"/>) changes no exponent by more than <see cref="Unchanged"/>, and there is at least one.</summary>
    public static ClaimVerdict Verdict(IReadOnlyList<IntervalRow> rows, int n)
    {
        var conditioned = rows.Where(row => row.OrthonormaliseEvery > 1 && row.KappaEq28 <= WellConditioned).ToList();
        return new("CJ.1", "The exponents do not depend on t_ONS as long as Q̃ stays well conditioned (appendix J, Eq 28).",
            $"full spectrum, same trajectory: every exponent within {Unchanged:0e0} of t_ONS = 1's wherever exp((λ1 − λ{n}) t_ONS) ≤ 1/√ε = {WellConditioned:0.0e0}",
            string.Join("; ", rows.Where(row => row.OrthonormaliseEvery > 1).Select(row => string.Create(CultureInfo.InvariantCulture, $"t_ONS = {row.OrthonormaliseEvery}: κ ≈ {row.KappaEq28:0.0e0}, largest change {row.MaxChange:0.0e0}"))),
            conditioned.Count > 0 && conditioned.All(row => row.MaxChange <= Unchanged) ? "holds" : "does not hold");
    }
}

/// <summary>What produces one t_ONS of appendix J: the cell, N, the gain and seed of θ, the input, the counted steps, both transients and t_ONS.</summary>
public sealed record IntervalProtocol(string Cell, string CellSource, int N, double Gain, int Seed, InputKind Input, int Steps, int Transient, int QTransient,
    [property: System.Text.Json.Serialization.JsonPropertyName("tons")] int OrthonormaliseEvery);
