using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Cli.Commands;

/// <summary>`verified spectrum`: the first k Lyapunov exponents of a cell (the paper's Algorithm 2).</summary>
public static class SpectrumCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions();
        // The library's defaults are the command's (SpectrumOptions; --transient sets both of its transients).
        var defaults = new SpectrumOptions();
        var k = new Option<int>("--k") { Description = "Number of exponents", DefaultValueFactory = _ => defaults.K }.Positive();
        var steps = new Option<int>("--steps") { Description = "Counted steps, after the transients (steps, not units of time, for a cell with a [TimeStep] too)", DefaultValueFactory = _ => defaults.Steps }.Positive();
        var transient = new Option<int>("--transient") { Description = "Steps run before counting, once for the state and again for Q (steps, not units of time: with a time step Δt they last --transient·Δt)", DefaultValueFactory = _ => defaults.Transient }.NonNegative();
        var orthonormaliseEvery = CommonOptions.OrthonormaliseEvery(defaults.OrthonormaliseEvery);
        var recordEvery = new Option<int?>("--record-every")
        {
            Description = $"Steps between points of the running estimate in the JSON (default: steps/{SpectrumOptions.RunningPoints} rounded up, so about {SpectrumOptions.RunningPoints} points)",
        }.Positive();
        var window = new Option<int?>("--window")
        {
            Description = "Also report the distribution of finite-time exponents over consecutive windows of this many steps (a multiple of --tons; default: none)",
        }.Positive();
        var plot = PlotOption.Create("the running estimates of the exponents against the steps");
        var command = new Command("spectrum", "Estimate the first k Lyapunov exponents. Printed: λ1 ≥ … ≥ λk, each the time average of log R_ii of the QR "
            + "re-orthonormalisations over the counted steps; Σλ, their sum; and mean log|det D|, the time average of the log-volume change of one step (equal to Σλ when k = n)");
        options.AddTo(command, CommonOptions.Groups.GainAndSeed | CommonOptions.Groups.Input | CommonOptions.Groups.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command, ownStart: "h0 drawn N(0, 1) from --seed, followed by --transient steps");
        foreach (var option in new Option[] { k, steps, transient, orthonormaliseEvery, recordEvery, window, plot })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var n = result.GetValue(options.N);
            var spec = CellSelection.Resolve(result, options)[0];
            var layout = network.Layout(result, spec, options);
            var count = CommonOptions.ExponentCount(result, k, layout);
            var spectrumOptions = new SpectrumOptions
            {
                K = count,
                Steps = result.GetValue(steps),
                Transient = result.GetValue(transient),
                QTransient = result.GetValue(transient),
                OrthonormaliseEvery = result.GetValue(orthonormaliseEvery),
                Input = CommonOptions.InputKind(result, options.Input),
                Seed = result.GetValue(options.Seed),
                TrackLogDet = count == layout.StateSize,
                RecordEvery = result.GetValue(recordEvery),
                InitialState = network.StartState(result, layout),
                Window = result.GetValue(window),
            };
            if (spectrumOptions.Window is { } length && (length > spectrumOptions.Steps || length % spectrumOptions.OrthonormaliseEvery != 0))
            {
                throw new UsageException($"--window {length} must be at most --steps {spectrumOptions.Steps} and a multiple of --tons {spectrumOptions.OrthonormaliseEvery}");
            }
            var totalSteps = (long)spectrumOptions.Transient + spectrumOptions.QTransient + spectrumOptions.Steps;
            if (totalSteps > int.MaxValue)
            {
                throw new UsageException($"--steps {spectrumOptions.Steps} and twice --transient {spectrumOptions.Transient} add up to more than {int.MaxValue} steps");
            }
            LyapunovSpectrum.Footprint(layout, spectrumOptions).Require();
            var gain = result.GetValue(options.Gain);
            var theta = network.Theta(result, layout, options);
            var spectrum = new ProgressBoard(output).Run($"spectrum of {spec.Name}", totalSteps,
                tick => LyapunovSpectrum.Compute(layout, theta, spectrumOptions, tick));
            foreach (var warning in spectrum.Warnings)
            {
                output.WriteLine("warning: " + warning);
            }
            output.WriteLine($"{spec.Name}, n = {layout.StateSize}, {spectrum.AccumulatedSteps} steps, exponents {UnitText(spectrum.Unit)}, descending");
            for (var i = 0; i < spectrum.Exponents.Length; i++)
            {
                output.WriteLine($"  λ{i + 1} = {spectrum.Exponents[i].ToString("F6", CultureInfo.InvariantCulture)}");
            }
            output.WriteLine($"  Σλ = {spectrum.SumExponents.ToString("F6", CultureInfo.InvariantCulture)}" +
                (spectrum.MeanLogAbsDet is { } logDet ? $", mean log|det D| = {logDet.ToString("F6", CultureInfo.InvariantCulture)}" : ""));
            if (spectrum.Windows is { } windows)
            {
                string F(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
                output.WriteLine($"  finite-time λ1 over {windows.Count} windows of {windows.Window} steps: mean {F(windows.Mean[0])}, spread {F(windows.StandardDeviation[0])}, " +
                    $"5–95 % {F(windows.Quantiles[0][0])} … {F(windows.Quantiles[0][^1])}, positive in {(100 * windows.FractionLeadingPositive).ToString("F1", CultureInfo.InvariantCulture)} % of windows");
            }
            PlotOption.Write(result, plot, () => SpectrumPlot.Convergence(spectrum, $"{spec.Name}, n = {layout.StateSize}: running Lyapunov estimates"));
            JsonOutput.Write(result.GetValue(options.Json), SpectrumFile.Of(
                RunConfiguration.Of(layout, gain, spectrumOptions.Seed, spectrumOptions, network.StartedFrom(result)), spec.Name, layout.StateSize, spectrum));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>"per step", or "per unit time (Δt = 0.1)": how a command names the unit of its exponents.</summary>
    public static string UnitText(ExponentUnit unit) =>
        unit.TimeStep is { } dt ? $"{unit.Name} (Δt = {dt.ToString("G6", CultureInfo.InvariantCulture)})" : unit.Name;
}
