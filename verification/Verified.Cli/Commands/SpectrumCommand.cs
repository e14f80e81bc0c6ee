using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Random;

namespace Verified.Cli.Commands;

/// <summary>`verified spectrum`: the first k Lyapunov exponents of a cell (the paper's Algorithm 2).</summary>
public static class SpectrumCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions();
        var k = new Option<int>("--k") { Description = "Number of exponents", DefaultValueFactory = _ => 1 }.Positive();
        var steps = new Option<int>("--steps") { Description = "Accumulated steps", DefaultValueFactory = _ => 1000 }.Positive();
        var transient = new Option<int>("--transient") { Description = "Transient steps for the state and again for Q", DefaultValueFactory = _ => 100 }.NonNegative();
        var tons = CommonOptions.Tons();
        var recordEvery = new Option<int?>("--record-every")
        {
            Description = $"Steps between points of the running estimate in the JSON (default: steps/{SpectrumOptions.RunningPoints} rounded up, so about {SpectrumOptions.RunningPoints} points)",
        }.Positive();
        var command = new Command("spectrum", "Estimate the first k Lyapunov exponents");
        options.AddTo(command, CommonOptions.Offer.GainAndSeed | CommonOptions.Offer.Input | CommonOptions.Offer.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command, save: false, initialState: true);
        foreach (var option in new Option[] { k, steps, transient, tons, recordEvery })
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
                Tons = result.GetValue(tons),
                Input = CommonOptions.InputKind(result, options.Input),
                Seed = result.GetValue(options.Seed),
                TrackLogDet = count == layout.StateSize,
                RecordEvery = result.GetValue(recordEvery),
                InitialState = network.StartState(result, layout),
            };
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
            JsonOutput.Write(result.GetValue(options.Json), new
            {
                configuration = RunConfiguration.Of(layout, gain, spectrumOptions.Seed, spectrumOptions, network.StartedFrom(result)),
                cell = spec.Name,
                exponents = spectrum.Exponents,
                qrOrder = spectrum.QrOrder,
                unit = spectrum.Unit.Name,
                timeStep = spectrum.Unit.TimeStep,
                sumExponents = spectrum.SumExponents,
                meanLogAbsDet = spectrum.MeanLogAbsDet,
                stateSize = layout.StateSize,
                logRSums = spectrum.LogRSums,
                accumulatedSteps = spectrum.AccumulatedSteps,
                running = spectrum.Running,
                runningSteps = spectrum.RunningSteps,
                warnings = spectrum.Warnings,
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>"per step", or "per unit time (Δt = 0.1)": how a command names the unit of its exponents.</summary>
    public static string UnitText(ExponentUnit unit) =>
        unit.TimeStep is { } dt ? $"{unit.Name} (Δt = {dt.ToString("G6", CultureInfo.InvariantCulture)})" : unit.Name;
}
