using Verified.Cli.Validation;
using Verified.Flossing;
using Verified.Precision.Condition;
using Verified.Training;

namespace Verified.Cli.Output.Files;

/// <summary>What `validate` writes as report.json: whether every check passed, every check, each part's outcome, and the parts not run yet.</summary>
public sealed record ValidationReportFile(bool Passed, IReadOnlyList<ValidationCheck> Checks, IReadOnlyList<PartOutcome> Parts, IReadOnlyList<string> NotRun)
    : ToolFile("validate");

/// <summary>derivatives-data.json: every derivative check of the built-in cells.</summary>
public sealed record DerivativesData(IReadOnlyList<ValidationCheck> Checks) : ToolFile("validate-derivatives");

/// <summary>spectrum-data.json: the N = 80 spectrum with its running estimate, the linear cell against its eigenvalues, and the Hénon map.</summary>
public sealed record SpectrumData(string Cell, int StateSize, string Unit, double? TimeStep, double[] Exponents, int[] QrOrder, double SumExponents,
    double? MeanLogAbsDet, int[] RunningSteps, double[][] Running, LinearCellExponents LinearCell, HenonMapExponents HenonMap) : ToolFile("validate-spectrum");

/// <summary>The linear cell's exponents beside the log-moduli of its eigenvalues they must equal.</summary>
public sealed record LinearCellExponents(double[] Exponents, double[] Expected);

/// <summary>The Hénon map's exponents (as the check saw them) beside the published λ1.</summary>
public sealed record HenonMapExponents(double[] Exponents, int[] QrOrder, double Lambda1);

/// <summary>flossing-data.json: the flossing run's history and spectra, and the independent spectra of the saved network and of the one before flossing.</summary>
public sealed record FlossingData(string Cell, int N, int K, string Unit, double? TimeStep, IReadOnlyList<FlossEpoch> History, double[] SpectrumBefore,
    double[] SpectrumAfter, FlossedSpectra IndependentSpectrum) : ToolFile("validate-flossing");

/// <summary>An independent spectrum of <paramref name="Steps"/> steps, of the flossed network and of the one before flossing.</summary>
public sealed record FlossedSpectra(int Steps, double[] Flossed, double[] NotFlossed);

/// <summary>training-data.json: the preflossed and the plain run, and the independent spectra before and after preflossing.</summary>
public sealed record TrainingData(string Cell, TrainOptions Options, TrainResult Pre, TrainResult None, PreflossedSpectra IndependentSpectrum) : ToolFile("validate-training");

/// <summary>An independent spectrum of <paramref name="Steps"/> steps, after preflossing and before it.</summary>
public sealed record PreflossedSpectra(int Steps, double[] AfterPreflossing, double[] BeforePreflossing);

/// <summary>condition-data.json: κ2 at 256 bits against the horizon, at 512 bits, and for N = 16 at both.</summary>
public sealed record ConditionData(string Cell, int Bits, string Unit, double? TimeStep, double[] Exponents, int[] QrOrder, IReadOnlyList<ConditionPoint> Points,
    IReadOnlyList<ConditionPoint> PointsAt512, SmallNetworkPoints N16) : ToolFile("validate-condition");

/// <summary>κ2 of the N = 16 network, m = N, at 256 and at 512 bits.</summary>
public sealed record SmallNetworkPoints(IReadOnlyList<ConditionPoint> PointsAt256, IReadOnlyList<ConditionPoint> PointsAt512);
