using System.Text.Json.Serialization;
using Verified.Cli.Reproduction;
using Verified.Experiments.Results;
using Verified.Experiments.Sweeps;
using Verified.Precision.Condition;
using Verified.Storage;
using Verified.Training;

namespace Verified.Cli.Output.Files;

/// <summary>
/// What `reproduce FIGURE --merge` writes as FIGURE.json, after the envelope: the figure, its scale, the runtime version,
/// the builds and numerical versions its units came from, and the verdicts on the paper's claims (at the scales that judge them).
/// </summary>
public abstract record FigureFile(
    [property: JsonPropertyOrder(-1)] string Figure,
    [property: JsonPropertyOrder(-1)] string Scale,
    [property: JsonPropertyOrder(-1)] IReadOnlyList<OriginCount> Units,
    IReadOnlyList<ClaimVerdict> Claims) : ToolFile(Figure)
{
    /// <summary>The runtime version that wrote the figure.</summary>
    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = ResultJson.Version;

    /// <summary>How a scale is written: small, claims or paper.</summary>
    public static string NameOf(Reproduction.Scale scale) => scale.ToString().ToLowerInvariant();
}

/// <summary>fig1.json: λ1 flossed toward each target (panel B), the loss for each k (C), and the spectra before and after (D).</summary>
public sealed record Figure1File(string Scale, IReadOnlyList<OriginCount> Units, IReadOnlyList<ClaimVerdict> Claims, IReadOnlyList<TargetRun> PanelB,
    IReadOnlyList<LossRun> PanelC, IReadOnlyList<SpectraRun> PanelD) : FigureFile("fig1", Scale, Units, Claims);

/// <summary>One network flossed toward a target: λ1 before, after and at each epoch.</summary>
public sealed record TargetRun(double Gain, double Target, double Lambda1Before, double Lambda1After, IReadOnlyList<double> Lambda1);

/// <summary>The flossing loss at each epoch of one network flossing k exponents.</summary>
public sealed record LossRun(int K, double Gain, IReadOnlyList<double> Loss);

/// <summary>The spectrum of one network before and after flossing k exponents.</summary>
public sealed record SpectraRun(int K, double Gain, double[] Before, double[] After);

/// <summary>fig2.json: κ2 against the horizon for each N and k, and the longest horizon 256 bits resolve.</summary>
public sealed record Figure2File(string Scale, IReadOnlyList<OriginCount> Units, string Cell, IReadOnlyList<ClaimVerdict> Claims, int LongestResolvedHorizon,
    IReadOnlyList<ConditionArm> Arms) : FigureFile("fig2", Scale, Units, Claims);

/// <summary>κ2 of one arm: N, the flossed k (0: none) and its points.</summary>
public sealed record ConditionArm(int N, int K, IReadOnlyList<ConditionPoint> Points);

/// <summary>fig6.json: each shown network's λ1 before, after and while flossing, or why it failed.</summary>
public sealed record Figure6File(string Scale, IReadOnlyList<OriginCount> Units, IReadOnlyList<ClaimVerdict> Claims, IReadOnlyList<ArmRun> Runs)
    : FigureFile("fig6", Scale, Units, Claims);

/// <summary>One flossed network of an arm of Fig 6.</summary>
public sealed record ArmRun(string Arm, string Cell, double Gain, double Target, string? Failure, double Lambda1Before, double Lambda1After, IReadOnlyList<double> Lambda1);

/// <summary>fig16.json: the spread over initial states of chosen exponents at step 100 and at the end, and each state's spectrum.</summary>
public sealed record Figure16File(string Scale, IReadOnlyList<OriginCount> Units, int N, int Steps, IReadOnlyList<ClaimVerdict> Claims,
    IReadOnlyList<StateSpread> Spreads, IReadOnlyList<double[]> Spectra) : FigureFile("fig16", Scale, Units, Claims);

/// <summary>The spread of λ_index over the initial states at step 100 and at the end.</summary>
public sealed record StateSpread(int Index, double AtStep100, double AtEnd);

/// <summary>appj.json: for each t_ONS, Eq 28's κ and the largest change of the spectrum from t_ONS = 1's, and the spectra by t_ONS.</summary>
public sealed record AppendixJFile(string Scale, IReadOnlyList<OriginCount> Units, int N, int Steps, IReadOnlyList<ClaimVerdict> Claims,
    IReadOnlyList<IntervalRow> Rows, IReadOnlyDictionary<int, double[]> Spectra) : FigureFile("appj", Scale, Units, Claims);

/// <summary>One t_ONS: Eq 28's condition estimate and the largest change of an exponent.</summary>
public sealed record IntervalRow([property: JsonPropertyName("tons")] int OrthonormaliseEvery, double KappaEq28, double MaxChange);

/// <summary>FIGURE.json of a training figure: runs finished of those expected, the panels, the verdicts and every run's final numbers.</summary>
public sealed record TrainingFigureFile(string Figure, string Scale, IReadOnlyList<OriginCount> Units, int RunsFinished, int RunsExpected,
    IReadOnlyList<PanelSummary> Panels, IReadOnlyList<ClaimVerdict> Claims, IReadOnlyList<RunSummary> Runs) : FigureFile(Figure, Scale, Units, Claims);

/// <summary>One panel of a training figure: what it varies, its baseline options and the groups of seeds.</summary>
public sealed record PanelSummary(string Panel, string Caption, int N, int[] Delays, int[] Ks, IReadOnlyList<string> Arms, int Seeds, TrainOptions Options,
    IReadOnlyList<RunGroup> Groups);

/// <summary>One run of a training figure: its id and identity, the final epoch, the best test accuracy, λ1 after training and its time.</summary>
public sealed record RunSummary(string Id, TrainingRun Run, TrainEpoch Final, double BestTestAccuracy, double Lambda1After, double Seconds);
