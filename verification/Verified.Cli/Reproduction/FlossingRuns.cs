using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Cli.Reproduction;

/// <summary>
/// A flossing run with the spectrum before and after it (descending, in <see cref="Unit"/>): what Figs 1 and 6 are drawn from.
/// A run whose flossing stopped on a loss or gradient that is not finite (for a ReLU network, typically a tangent space that
/// collapsed: every unit silent at some step, so D_s = 0 and λ = −∞) keeps its spectrum before, no history, and the reason in
/// <see cref="Failure"/>: an outcome to count, not an error.
/// </summary>
public sealed record FlossingRun(string Cell, int N, double Gain, int K, double Target, IReadOnlyList<FlossEpoch> History, double[] Before, double[] After, ExponentUnit Unit,
    string? Failure = null);

/// <summary>
/// One flossing run of Figs 1 and 6: flossing the first k exponents of a cell (N, gain, seed) toward the target with the
/// figures' settings (T_f = 300 with 50 steps not counted, Adam at 3e-3), and the first <paramref name="SpectrumK"/> exponents
/// measured before and after over <paramref name="SpectrumSteps"/> steps. Its record is the run's protocol in the figure's key.
/// </summary>
public sealed record FlossingRunSpec(string Cell, int N, double Gain, int K, double Target, int Epochs, InputKind Input, ulong Seed, int SpectrumK, int SpectrumSteps = 2000)
{
    public const int Steps = 300, Transient = 50;

    /// <summary>Runs it.</summary>
    public FlossingRun Run(Action tick) => Run(tick, null);
    public const double LearningRate = 3e-3;

    /// <summary>The spec with the figures' fixed flossing settings and the cell's source hash: what the run's key holds.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public FlossingRunKey Key => new(this, Steps, Transient, LearningRate, BuiltInCells.Find(Cell)!.SourceHash);

    /// <summary>Runs it; <paramref name="networks"/>, if given, receives the layout and θ before and after flossing.</summary>
    public FlossingRun Run(Action tick, Action<CellLayout, double[], double[]>? networks)
    {
        var layout = BuiltInCells.Find(Cell)!.Layout(CellDimensions.Of(N));
        var theta = ParameterInitialiser.Create(layout, Gain, new Rng(Seed));
        var spectrum = new SpectrumOptions { K = SpectrumK, Steps = SpectrumSteps, Transient = 200, QTransient = 200, Input = Input, Seed = Seed, TrackLogDet = false };
        var unit = ExponentUnit.Of<double>(layout, theta);
        var unflossed = theta.ToArray();
        var before = LyapunovSpectrum.Compute(layout, theta, spectrum).Exponents;
        IReadOnlyList<FlossEpoch> history;
        try
        {
            history = Flosser.Run<double>(layout, theta, new FlossOptions
            {
                K = K, Epochs = Epochs, Steps = Steps, Transient = Transient, LearningRate = LearningRate, Target = Target, Input = Input, Seed = Seed,
            }, _ => tick());
        }
        catch (FlossingFailedException failed)
        {
            return new FlossingRun(Cell, N, Gain, K, Target, [], before, [.. before.Select(_ => double.NegativeInfinity)], unit, failed.Message);
        }
        var after = LyapunovSpectrum.Compute(layout, theta, spectrum).Exponents;
        networks?.Invoke(layout, unflossed, theta);
        return new FlossingRun(Cell, N, Gain, K, Target, history, before, after, unit);
    }
}

/// <summary>The protocol in a flossing run's key: its spec with the figures' fixed horizon, transient and learning rate, and the cell's source hash.</summary>
public sealed record FlossingRunKey(FlossingRunSpec Spec, int Steps, int Transient, double LearningRate, string CellSource);
