using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Random;

namespace Verified.Cli.Reproduction;

/// <summary>
/// A flossing run with the spectrum before and after it (descending, in <see cref="Unit"/>): what Figs 1 and 6 are drawn from.
/// A run whose flossing stopped on a loss or gradient that is not finite (for a ReLU network, typically a tangent space that
/// collapsed: every unit silent at some step, so D_s = 0 and λ = −∞) keeps its spectrum before, no history, and the reason in
/// <see cref="Failure"/>: an outcome to count, not an error.
/// </summary>
public sealed record FlossingRun(string Cell, int N, double Gain, int K, double Target, IReadOnlyList<FlossEpoch> History, double[] Before, double[] After, ExponentUnit Unit,
    string? Failure = null);

public static class FlossingRuns
{
    /// <summary>
    /// Floss the first k exponents of a cell (N, gain, seed) toward the target with the paper's
    /// settings (T_f = 300, learning rate 3e-3), and measure the first <paramref name="spectrumK"/>
    /// exponents before and after with a spectrum of <paramref name="spectrumSteps"/> steps;
    /// <paramref name="networks"/>, if given, receives the layout and θ before and after flossing.
    /// </summary>
    public static FlossingRun Run(string cell, int n, double gain, int k, double target, int epochs, InputKind input, ulong seed, int spectrumK, Action tick,
        int spectrumSteps = 2000, Action<CellLayout, double[], double[]>? networks = null)
    {
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(n));
        var theta = ParameterInitializer.Create(layout, gain, new Rng(seed));
        var spectrum = new SpectrumOptions { K = spectrumK, Steps = spectrumSteps, Transient = 200, QTransient = 200, Input = input, Seed = seed, TrackLogDet = false };
        var unit = ExponentUnit.Of<double>(layout, theta);
        var unflossed = theta.ToArray();
        var before = LyapunovSpectrum.Compute(layout, theta, spectrum).Exponents;
        IReadOnlyList<FlossEpoch> history;
        try
        {
            history = Flosser.Run<double>(layout, theta, new FlossOptions
            {
                K = k, Epochs = epochs, Steps = 300, Transient = 50, LearningRate = 3e-3, Target = target, Input = input, Seed = seed,
            }, _ => tick());
        }
        catch (FlossingFailedException failed)
        {
            return new FlossingRun(cell, n, gain, k, target, [], before, [.. before.Select(_ => double.NegativeInfinity)], unit, failed.Message);
        }
        var after = LyapunovSpectrum.Compute(layout, theta, spectrum).Exponents;
        networks?.Invoke(layout, unflossed, theta);
        return new FlossingRun(cell, n, gain, k, target, history, before, after, unit);
    }
}
