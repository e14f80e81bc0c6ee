using Verified.Checks;
using Verified.Cli.CellFiles;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Cli.Validation;

/// <summary>
/// docs/design.md's identities of the spectrum on real runs, cells with known individual exponents (the
/// linear cell, the logistic map, the Hénon map at N = 2), and a full spectrum of vanilla-tanh (N = 80) with its convergence.
/// </summary>
public sealed class SpectrumPart(Sabotage sabotage = Sabotage.None) : ValidationPart
{
    public override string Name => "spectrum";
    public override string Title => "Lyapunov spectrum identities";
    public override int ProgressTicks => 7;

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var checks = new List<ValidationCheck>();
        foreach (var (cell, gain) in new[] { ("vanilla-tanh", 2.0), ("lstm", 1.0), ("gru", 1.5) })
        {
            checks.Add(ValidationCheck.From(Name, SpectrumIdentityChecks.SumEqualsMeanLogDet(BuiltInCells.Find(cell)!, gain)));
            tick();
        }
        var (linear, linearExponents, linearExpected) = SpectrumIdentityChecks.LinearCellEigenvalues();
        checks.Add(ValidationCheck.From(Name, linear));
        tick();
        var logistic = CellFileCompiler.CompileSource(LogisticMapCell.Source, "logistic-map.cs").Single();
        checks.Add(ValidationCheck.From(Name, SpectrumIdentityChecks.LogisticMap(logistic)));
        tick();
        var henon = SpectrumIdentityChecks.HenonSpectrum(CellFileCompiler.CompileSource(HenonMapCell.Source, "henon-map.cs").Single());
        var henonExponents = sabotage.HasFlag(Sabotage.ExponentOrder) ? [.. henon.Exponents.Reverse()] : henon.Exponents;
        checks.Add(ValidationCheck.From(Name, SpectrumIdentityChecks.HenonMap(henonExponents)));
        checks.Add(ValidationCheck.From(Name, new CheckResult("Hénon map: Σλ = ln b = mean log|det D|", Compare.RelativeError(henonExponents.Sum(), Math.Log(0.3)), 1e-9)));
        tick();

        // The whole spectrum of vanilla-tanh, N = 80, g = 1 (autonomous), and its running estimate.
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(80));
        var theta = ParameterInitialiser.Create(layout, 1.0, new Rng(1));
        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions { K = 80, Steps = 3000, Transient = 200, QTransient = 200, Seed = 1 });
        checks.Add(ValidationCheck.From(Name, new CheckResult("Σλ = mean log|det D| (vanilla-tanh, N = 80, all 80 exponents, 3000 steps)",
            Compare.RelativeError(spectrum.SumExponents, spectrum.MeanLogAbsDet!.Value), 1e-9)));
        SpectrumPlot.WriteConvergence(spectrum, Path.Combine(folder, "spectrum-convergence.png"), "vanilla-tanh, N = 80, g = 1: running Lyapunov estimates");
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "spectrum-data.json")), new SpectrumData(
            "vanilla-tanh", 80, spectrum.Unit.Name, spectrum.Unit.TimeStep, spectrum.Exponents, spectrum.QrOrder, spectrum.SumExponents, spectrum.MeanLogAbsDet,
            spectrum.RunningSteps, spectrum.Running, new LinearCellExponents(linearExponents, linearExpected),
            new HenonMapExponents(henon.Exponents, henon.QrOrder, SpectrumIdentityChecks.HenonLambda1)));
        tick();
        return checks;
    }
}
