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
        var options = new CommonOptions(defaultN: 80);
        var k = new Option<int>("--k") { Description = "Number of exponents", DefaultValueFactory = _ => 1 }.Positive();
        var steps = new Option<int>("--steps") { Description = "Accumulated steps", DefaultValueFactory = _ => 1000 }.Positive();
        var transient = new Option<int>("--transient") { Description = "Transient steps for the state and again for Q", DefaultValueFactory = _ => 100 }.NonNegative();
        var tons = CommonOptions.Tons();
        var input = CommonOptions.Input("none");
        var command = new Command("spectrum", "Estimate the first k Lyapunov exponents");
        options.AddTo(command);
        foreach (var option in new Option[] { k, steps, transient, tons, input })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var n = result.GetValue(options.N);
            var spec = CellSelection.Resolve(result, options, allWhenNone: false)[0];
            var layout = spec.Layout(CellDimensions.Of(n));
            var count = CommonOptions.ExponentCount(result, k, layout);
            Footprints.Spectrum(layout, count, count == layout.StateSize, result.GetValue(steps) + 2 * result.GetValue(transient));
            var seed = result.GetValue(options.Seed);
            var theta = ParameterInitializer.Create(layout, result.GetValue(options.Gain), new Rng(seed));
            var relax = result.GetValue(transient);
            var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
            {
                K = count,
                Steps = result.GetValue(steps),
                Transient = relax,
                QTransient = relax,
                Tons = result.GetValue(tons),
                Input = CommonOptions.InputKind(result, input),
                Seed = seed,
                TrackLogDet = count == layout.StateSize,
            });
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
