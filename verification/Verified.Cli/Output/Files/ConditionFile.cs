using Verified.Flossing;
using Verified.Precision.Condition;

namespace Verified.Cli.Output.Files;

/// <summary>
/// What `condition --json` writes: the spectra (before flossing, and after when it flossed), κ2 against the horizon
/// beside Eq 10 (<c>points</c>), Eq 3's slopes beside λ_i per step, and the largest disagreement with 512 bits when confirmed.
/// </summary>
public sealed record ConditionFile(
    RunConfiguration Configuration,
    string Cell,
    int Bits,
    string Unit,
    double? TimeStep,
    IReadOnlyList<ConditionSpectrum> Spectra,
    IReadOnlyList<ConditionPoint> Points,
    IReadOnlyList<Eq3Slopes> Eq3,
    double? ConfirmedAgainst512) : CellRunFile("condition", Configuration);

/// <summary>One measured spectrum of a condition run: flossed or not, exponents descending, the column of Q each came from.</summary>
public sealed record ConditionSpectrum(bool Flossed, double[] Exponents, int[] QrOrder);

/// <summary>Eq 3 directly: the slope of log σ_i(T_t Q) against t over the resolved horizons (null where unresolved), beside λ_i per step.</summary>
public sealed record Eq3Slopes(bool Flossed, double[] ExponentsPerStep, double?[] Slopes, IReadOnlyList<FiniteTimeSpectrum> Horizons);

/// <summary>The options of a `condition` run: the precision path's, the flossing's (null without flossing), and whether 512 bits confirm 256.</summary>
public sealed record ConditionRunOptions(ConditionOptions Condition, FlossOptions? Flossing, bool ConfirmAt512);
