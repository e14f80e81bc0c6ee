using Verified.Checks;
using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Random;

namespace Verified.Cli.Validation;

/// <summary>
/// The exact flossing gradient against finite differences for four cells, then a flossing run
/// (vanilla-tanh, N = 32, g = 1, k = 4, the paper's Fig 1C): the loss must fall at least tenfold,
/// and afterwards the flossed exponents must lie closer to zero than the unflossed ones (Fig 1D).
/// </summary>
public sealed class FlossingPart : ValidationPart
{
    private const int K = 4, Epochs = 200;
    private static readonly string[] GradientCells = ["vanilla-tanh", "lstm", "gru", "rate"];

    public override string Name => "flossing";
    public override string Title => "Exact flossing gradient and a flossing run";
    public override int Units => GradientCells.Length + Epochs + 1;

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var checks = new List<ValidationCheck>();
        foreach (var cell in GradientCells)
        {
            checks.Add(ValidationCheck.From(Name, FlossingGradientCheck.Run(BuiltInCells.Find(cell)!)));
            tick();
        }

        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(32));
        var theta = ParameterInitializer.Create(layout, 1.0, new Rng(3));
        var spectrumOptions = new SpectrumOptions { K = 2 * K, Steps = 3000, Transient = 200, QTransient = 200, Seed = 3, TrackLogDet = false };
        var before = LyapunovSpectrum.Compute(layout, theta, spectrumOptions).Exponents;
        var history = Flosser.Run<double>(layout, theta, new FlossOptions
        {
            K = K, Epochs = Epochs, Steps = 300, Transient = 50, LearningRate = 3e-3, Input = InputKind.None, Seed = 3,
        }, _ => tick());
        var after = LyapunovSpectrum.Compute(layout, theta, spectrumOptions).Exponents;
        tick();

        var reduction = history[0].Loss / history[^1].Loss;
        checks.Add(ValidationCheck.AtLeast(Name, $"flossing k = {K} (vanilla-tanh, N = 32, g = 1, {Epochs} epochs): loss reduction factor", reduction, 10));
        var flossedWorst = after.Take(K).Max(Math.Abs);
        var restBest = after.Skip(K).Min(Math.Abs);
        checks.Add(ValidationCheck.AtMost(Name, "after flossing: max |λ_i| of the flossed / min |λ_i| of the next k (3000-step spectrum)", flossedWorst / restBest, 1));

        var run = new[] { ($"k = {K}", (IReadOnlyList<FlossEpoch>)history) };
        FlossingPlot.WriteLoss(run, Path.Combine(folder, "flossing-loss.png"), "vanilla-tanh, N = 32, g = 1: flossing loss");
        FlossingPlot.WriteExponents(run, 0, Path.Combine(folder, "flossing-exponents.png"), $"vanilla-tanh, N = 32, g = 1: the {K} flossed exponents (estimates over each horizon)");
        SpectrumPlot.WriteSpectra([("before flossing", before), ($"after flossing k = {K}", after)], Path.Combine(folder, "flossing-spectrum.png"),
            $"vanilla-tanh, N = 32: the first {2 * K} exponents before and after flossing");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "flossing-data.json")), new { cell = "vanilla-tanh", n = 32, k = K, history, spectrumBefore = before, spectrumAfter = after });
        return checks;
    }
}
