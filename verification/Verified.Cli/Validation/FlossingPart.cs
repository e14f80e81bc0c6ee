using Verified.Checks;
using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Cli.Reproduction;
using Verified.Lyapunov;

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

        var run = FlossingRuns.Run("vanilla-tanh", 32, 1.0, K, 0, Epochs, InputKind.None, seed: 3, spectrumK: 2 * K, tick, spectrumSteps: 3000);
        var (history, before, after) = (run.History, run.Before, run.After);
        tick();

        var reduction = history[0].Loss / history[^1].Loss;
        checks.Add(ValidationCheck.AtLeast(Name, $"flossing k = {K} (vanilla-tanh, N = 32, g = 1, {Epochs} epochs): loss reduction factor", reduction, 10));
        var flossedWorst = after.Take(K).Max(Math.Abs);
        var restBest = after.Skip(K).Min(Math.Abs);
        checks.Add(ValidationCheck.AtMost(Name, "after flossing: max |λ_i| of the flossed / min |λ_i| of the next k (3000-step spectrum)", flossedWorst / restBest, 1));

        var runs = new[] { ($"k = {K}", history) };
        FlossingPlot.WriteLoss(runs, Path.Combine(folder, "flossing-loss.png"), "vanilla-tanh, N = 32, g = 1: flossing loss");
        FlossingPlot.WriteExponents(runs, 0, Path.Combine(folder, "flossing-exponents.png"), $"vanilla-tanh, N = 32, g = 1: the {K} flossed exponents (estimates over each horizon)");
        SpectrumPlot.WriteSpectra([("before flossing", before), ($"after flossing k = {K}", after)], Path.Combine(folder, "flossing-spectrum.png"),
            $"vanilla-tanh, N = 32: the first {2 * K} exponents before and after flossing");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "flossing-data.json")), new { cell = "vanilla-tanh", n = 32, k = K, unit = run.Unit.Name, timeStep = run.Unit.TimeStep, history, spectrumBefore = before, spectrumAfter = after });
        return checks;
    }
}
