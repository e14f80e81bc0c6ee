using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Initialisation;
using Verified.Precision.Condition;
using Verified.Random;

namespace Verified.Cli.Validation;

/// <summary>
/// κ2 of the long-term Jacobian of vanilla-tanh (N = 80, g = 1, autonomous) at 256 bits: never
/// below the finite-time bound, close to Eq 10 (for m = N from horizon 30, for m = 5 and 15 from
/// horizon 80, where the O(1) offset of log κ2 is small against its growth), and the same at 512 bits.
/// </summary>
public sealed class ConditionPart : ValidationPart
{
    public override string Name => "condition";
    public override string Title => "κ2 of the long-term Jacobian at 256 bits against Eq 10";
    public override int Units => 2;

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(80));
        var theta = ParameterInitializer.Create(layout, 1.0, new Rng(1));
        // m = 5, 15 at horizons 10…100 at 256 and at 512 bits; m = N = 80 up to horizon 40, beyond which κ2 exceeds what 256 bits resolve.
        var options = new ConditionOptions { M = [5, 15], Horizons = [.. Enumerable.Range(1, 10).Select(i => 10 * i)] };
        var run = ConditionRun.Run(layout, theta, options, flossed: false);
        var points = run.Points
            .Concat(ConditionRun.Measure(layout, theta, options with { M = [80], Horizons = [10, 20, 30, 40] }, flossed: false)).ToList();
        tick();
        var at512 = ConditionRun.Measure(layout, theta, options with { Bits = 512 }, flossed: false);
        tick();

        var resolved = points.Where(point => point.Resolved).ToList();
        double RelativeToEq10(ConditionPoint point) => Math.Abs(point.Log10KappaNumeric!.Value - point.Log10KappaEq10) / point.Log10KappaEq10;
        var checks = new List<ValidationCheck>
        {
            ValidationCheck.AtLeast(Name, "resolved points (of 24)", resolved.Count, 24),
            ValidationCheck.AtLeast(Name, "min over points of log10 κ2 − log10 exp(S_1 − S_m) (finite-time bound)",
                resolved.Min(point => point.Log10KappaNumeric!.Value - point.Log10KappaFiniteTime), -1e-9),
            ValidationCheck.AtMost(Name, "m = 80, horizons 30–40: max |log κ2 − Eq 10| / Eq 10",
                resolved.Where(point => point.M == 80 && point.Horizon >= 30).Select(RelativeToEq10).DefaultIfEmpty(double.NaN).Max(), 0.10),
            ValidationCheck.AtMost(Name, "m = 5, 15, horizons ≥ 80: max |log κ2 − Eq 10| / Eq 10",
                resolved.Where(point => point.M < 80 && point.Horizon >= 80).Select(RelativeToEq10).DefaultIfEmpty(double.NaN).Max(), 0.10),
            ValidationCheck.AtMost(Name, "256 against 512 bits: max relative difference of log10 κ2",
                points.Zip(at512).Where(pair => pair.First.Resolved && pair.Second.Resolved)
                    .Select(pair => Math.Abs(pair.First.Log10KappaNumeric!.Value - pair.Second.Log10KappaNumeric!.Value) / Math.Abs(pair.Second.Log10KappaNumeric.Value))
                    .DefaultIfEmpty(double.NaN).Max(), 1e-10),
        };
        ConditionPlot.WriteAgainstHorizon(points, Path.Combine(folder, "condition-horizon.png"), "vanilla-tanh, N = 80, g = 1: κ2 of the long-term Jacobian");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "condition-data.json")), new
        {
            cell = "vanilla-tanh", bits = 256, unit = run.Spectrum.Unit.Name, timeStep = run.Spectrum.Unit.TimeStep,
            exponents = run.Spectrum.Exponents, qrOrder = run.Spectrum.QrOrder, points, pointsAt512 = at512,
        });
        return checks;
    }
}
