using Verified.Checks;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Cli.Reproduction;
using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Storage;

namespace Verified.Cli.Validation;

/// <summary>
/// The exact flossing gradient against finite differences for four cells at t_ONS = 1 and two at
/// t_ONS = 3, then a flossing run (vanilla-tanh, N = 32, g = 1, k = 4, the paper's Fig 1C): the loss
/// must fall at least tenfold, and an independent spectrum of the saved network (read back from its
/// file, as `spectrum --params` reads it, over a horizon 67 times the flossing's, from another start)
/// must put the k flossed exponents near the target, where those of the network before flossing are not.
/// </summary>
public sealed class FlossingPart(Sabotage sabotage = Sabotage.None) : ValidationPart
{
    private const int K = 4, Epochs = 200, SpectrumSteps = 20000;
    private const double Target = 0;

    /// <summary>
    /// The largest |λ_i − λ*| over the flossed exponents that counts as flossed: 200 epochs bring the
    /// four 20,000-step exponents within 5.4e-3 of the target; before flossing they reach 0.15 from it.
    /// </summary>
    private const double NearTarget = 0.01;

    private static readonly string[] GradientCells = ["vanilla-tanh", "lstm", "gru", "rate"];
    private static readonly string[] ReorthonormalisedCells = ["vanilla-tanh", "lstm"];

    public override string Name => "flossing";
    public override string Title => "Exact flossing gradient and a flossing run";
    public override int ProgressTicks => GradientCells.Length + ReorthonormalisedCells.Length + Epochs + 1;

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var checks = new List<ValidationCheck>();
        foreach (var cell in GradientCells)
        {
            checks.Add(ValidationCheck.From(Name, FlossingGradientCheck.Run(BuiltInCells.Find(cell)!)));
            tick();
        }
        // floss --tons: between re-orthonormalisations the reverse pass runs through Tangent alone.
        foreach (var cell in ReorthonormalisedCells)
        {
            checks.Add(ValidationCheck.From(Name, FlossingGradientCheck.Run(BuiltInCells.Find(cell)!, orthonormaliseEvery: 3)));
            tick();
        }

        var network = Path.Combine(folder, "flossing-network.safetensors");
        double[]? unflossed = null;
        CellLayout? layout = null;
        var run = new FlossingRunSpec("vanilla-tanh", 32, 1.0, K, Target, Epochs, InputKind.None, Seed: 3, SpectrumK: 2 * K, SpectrumSteps: 3000).Run(tick,
            networks: (cellLayout, before, after) =>
            {
                (layout, unflossed) = (cellLayout, before);
                ParameterFile.Save(network, cellLayout, sabotage.HasFlag(Sabotage.FlossingDiscarded) ? before : after);
            });
        var (history, before, after) = (run.History, run.Before, run.After);
        tick();

        checks.Add(ValidationCheck.AtLeast(Name,
            $"flossing k = {K} (vanilla-tanh, N = 32, g = 1, {Epochs} epochs): loss reduction factor, the first epoch's loss over the mean of the last 10 %", ReductionFactor(history), 10));
        var flossed = IndependentSpectrum(layout!, ParameterFile.Load(network, layout!, out _));
        var notFlossed = IndependentSpectrum(layout!, unflossed!);
        double Distance(double[] exponents) => exponents.Take(K).Max(lambda => Math.Abs(lambda - Target));
        checks.Add(ValidationCheck.AtMost(Name,
            $"saved network, independent {SpectrumSteps}-step spectrum: max |λ_i − λ*| of the {K} flossed exponents", Distance(flossed), NearTarget));
        checks.Add(ValidationCheck.AtLeast(Name,
            $"network before flossing, the same spectrum: max |λ_i − λ*| of the first {K} exponents (not near the target)", Distance(notFlossed), NearTarget));

        var runs = new[] { ($"k = {K}", history) };
        FlossingPlot.WriteLoss(runs, Path.Combine(folder, "flossing-loss.png"), "vanilla-tanh, N = 32, g = 1: flossing loss");
        FlossingPlot.WriteExponents(runs, 0, Path.Combine(folder, "flossing-exponents.png"), $"vanilla-tanh, N = 32, g = 1: the {K} flossed exponents (estimates over each horizon)");
        SpectrumPlot.WriteSpectra([("before flossing", before), ($"after flossing k = {K}", after)], Path.Combine(folder, "flossing-spectrum.png"),
            $"vanilla-tanh, N = 32: the first {2 * K} exponents before and after flossing");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "flossing-data.json")), new FlossingData(
            "vanilla-tanh", 32, K, run.Unit.Name, run.Unit.TimeStep, history, before, after, new FlossedSpectra(SpectrumSteps, flossed, notFlossed)));
        return checks;
    }

    /// <summary>The first 2k exponents over 20,000 steps from a start (seed 101) that neither the flossing nor its plots used.</summary>
    private static double[] IndependentSpectrum(CellLayout layout, double[] theta) =>
        LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = 2 * K, Steps = SpectrumSteps, Transient = 500, QTransient = 500, Input = InputKind.None, Seed = 101, TrackLogDet = false,
        }).Exponents;

    /// <summary>
    /// The first epoch's flossing loss over the mean loss of the last 10 % of the epochs (at least one): one epoch's loss is
    /// one horizon's estimate and noisy, so a single late epoch would make the factor a matter of luck.
    /// </summary>
    public static double ReductionFactor(IReadOnlyList<FlossEpoch> history) =>
        history[0].Loss / history.Skip(history.Count - Math.Max(1, history.Count / 10)).Average(epoch => epoch.Loss);
}
