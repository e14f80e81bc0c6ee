using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Initialisation;
using Verified.Precision.Condition;
using Verified.Randomness;

namespace Verified.Cli.Validation;

/// <summary>
/// κ2 of the long-term Jacobian of vanilla-tanh (N = 80, g = 1, autonomous) at 256 bits: never
/// below the finite-time bound, close to Eq 10 (for m = N from horizon 30, for m = 5 and 15 from
/// horizon 80, where the O(1) offset of log κ2 is small against its growth), and the same at 512 bits.
/// Then what only arbitrary precision can do, on vanilla-tanh at N = 16 (m = N, κ2 growing by about
/// 10^0.87 a step): beyond κ2 = 2^53 = 1/ε of double, σ_min lies below the rounding error ε σ_1 of any
/// double computation of the product (Weyl), yet 256 bits agree with 512 there; 512 bits resolve
/// horizons 256 bits cannot; and κ2 stays clear of the finite-time bound, which double precision
/// computes (the long-term Jacobian is non-normal, so κ2 exceeds exp(max_i S_i − min_i S_i) by the conditioning
/// of its Lyapunov vectors, which does not decay).
/// </summary>
public sealed class ConditionPart(Sabotage sabotage = Sabotage.None) : ValidationPart
{
    /// <summary>log10 2^53: above it, κ2 is beyond what double precision resolves.</summary>
    private static readonly double BeyondDouble = 53 * Math.Log10(2);

    public override string Name => "condition";
    public override string Title => "κ2 of the long-term Jacobian at 256 bits against Eq 10";
    public override int ProgressTicks => 3;

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(80));
        var theta = ParameterInitialiser.Create(layout, 1.0, new Rng(1));
        // m = 5, 15 at horizons 10…100 at 256 and at 512 bits; m = N = 80 up to horizon 40, beyond which κ2 exceeds what 256 bits resolve.
        var options = new ConditionOptions { M = [5, 15], Horizons = [.. Enumerable.Range(1, 10).Select(i => 10 * i)] };
        var run = ConditionRun.Run(layout, theta, options, flossed: false);
        var points = Sabotaged(run.Points
            .Concat(ConditionRun.Measure(layout, theta, options with { M = [80], Horizons = [10, 20, 30, 40] }, flossed: false)));
        tick();
        var at512 = Sabotaged(ConditionRun.Measure(layout, theta, At512(options), flossed: false));
        tick();

        // N = 16, m = N: horizons 20–60 within 256 bits (and beyond double), 80–140 within 512 bits only.
        var small = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(16));
        var smallTheta = ParameterInitialiser.Create(small, 1.0, new Rng(1));
        var smallOptions = new ConditionOptions { M = [16], Horizons = [20, 40, 60, 80, 100, 120, 140] };
        var small256 = Sabotaged(ConditionRun.Measure(small, smallTheta, smallOptions, flossed: false));
        var small512 = Sabotaged(ConditionRun.Measure(small, smallTheta, At512(smallOptions), flossed: false));
        tick();

        var resolved = points.Where(point => point.Resolved).ToList();
        static double RelativeToEq10(ConditionPoint point) => Math.Abs(point.Log10KappaNumeric!.Value - point.Log10KappaEq10) / point.Log10KappaEq10;
        static double Disagreement(IEnumerable<(ConditionPoint At256, ConditionPoint At512)> pairs) => pairs
            .Where(pair => pair.At256.Resolved && pair.At512.Resolved)
            .Select(pair => Math.Abs(pair.At256.Log10KappaNumeric!.Value - pair.At512.Log10KappaNumeric!.Value) / Math.Abs(pair.At512.Log10KappaNumeric.Value))
            .DefaultIfEmpty(double.NaN).Max();
        var smallPairs = small256.Zip(small512).ToList();
        var beyondDouble = smallPairs.Where(pair => pair.First.Resolved && pair.First.Log10KappaNumeric > BeyondDouble).ToList();
        var onlyAt512 = smallPairs.Where(pair => !pair.First.Resolved && pair.Second.Resolved).Select(pair => pair.Second).ToList();
        var checks = new List<ValidationCheck>
        {
            ValidationCheck.AtLeast(Name, "resolved points (of 24)", resolved.Count, 24),
            ValidationCheck.AtLeast(Name, "min over points of log10 κ2 − log10 exp(max_i S_i − min_i S_i) (finite-time bound)",
                resolved.Min(point => point.Log10KappaNumeric!.Value - point.Log10KappaFiniteTime), -1e-9),
            ValidationCheck.AtMost(Name, "m = 80, horizons 30–40: max |log κ2 − Eq 10| / Eq 10",
                resolved.Where(point => point.M == 80 && point.Horizon >= 30).Select(RelativeToEq10).DefaultIfEmpty(double.NaN).Max(), 0.10),
            ValidationCheck.AtMost(Name, "m = 5, 15, horizons ≥ 80: max |log κ2 − Eq 10| / Eq 10",
                resolved.Where(point => point.M < 80 && point.Horizon >= 80).Select(RelativeToEq10).DefaultIfEmpty(double.NaN).Max(), 0.10),
            ValidationCheck.AtMost(Name, "256 against 512 bits: max relative difference of log10 κ2", Disagreement(points.Zip(at512)), 1e-10),
            ValidationCheck.AtLeast(Name, "N = 16, m = 16: horizons where κ2 > 2^53 = 1/ε of double (σ_min below double's rounding of σ_1) resolved at 256 bits (of 3)",
                beyondDouble.Count, 3),
            ValidationCheck.AtMost(Name, "N = 16, m = 16, κ2 > 2^53: max relative difference of log10 κ2, 256 against 512 bits", Disagreement(beyondDouble), 1e-10),
            ValidationCheck.AtLeast(Name, "N = 16, m = 16: horizons 512 bits resolve and 256 bits do not (of 4)", onlyAt512.Count, 4),
            ValidationCheck.AtMost(Name, "N = 16, m = 16, horizons only 512 bits resolve: max |log κ2 − Eq 10| / Eq 10",
                onlyAt512.Select(RelativeToEq10).DefaultIfEmpty(double.NaN).Max(), 0.10),
            ValidationCheck.AtLeast(Name, "N = 16, m = 16 (non-normal long-term Jacobian): min log10 κ2 − log10 exp(max_i S_i − min_i S_i), κ2 apart from the bound",
                small512.Where(point => point.Resolved).Select(point => point.Log10KappaNumeric!.Value - point.Log10KappaFiniteTime).DefaultIfEmpty(double.NaN).Min(), 0.3),
        };
        ConditionPlot.WriteAgainstHorizon(points, Path.Combine(folder, "condition-horizon.png"), "vanilla-tanh, N = 80, g = 1: κ2 of the long-term Jacobian");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "condition-data.json")), new ConditionData(
            "vanilla-tanh", 256, run.Spectrum.Unit.Name, run.Spectrum.Unit.TimeStep, run.Spectrum.Exponents, run.Spectrum.QrOrder, points, at512,
            new SmallNetworkPoints(small256, small512)));
        return checks;
    }

    /// <summary>The options at 512 bits; sabotaged, silently at 256.</summary>
    private ConditionOptions At512(ConditionOptions options) => options with { Bits = sabotage.HasFlag(Sabotage.FiveTwelveAtTwoFiftySix) ? 256 : 512 };

    /// <summary>The points; sabotaged, with κ2 replaced by the finite-time bound that double precision gives.</summary>
    private List<ConditionPoint> Sabotaged(IEnumerable<ConditionPoint> points) => sabotage.HasFlag(Sabotage.KappaFromBound)
        ? [.. points.Select(point => point with { Log10KappaNumeric = point.Resolved ? point.Log10KappaFiniteTime : null })]
        : [.. points];
}
