using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Storage;

namespace Verified.Cli.Commands;

/// <summary>`verified floss`: push the first k exponents toward a target (the paper's Algorithm 1).</summary>
public static class FlossCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions();
        // The library's defaults are the command's (FlossOptions).
        var defaults = new FlossOptions();
        var k = new Option<int>("--k") { Description = "Number of flossed exponents", DefaultValueFactory = _ => defaults.K }.Positive();
        var epochs = new Option<int>("--epochs") { Description = "Flossing epochs", DefaultValueFactory = _ => defaults.Epochs }.Positive();
        var steps = new Option<int>("--steps") { Description = "Horizon T_f in steps (not units of time, for a cell with a [TimeStep] too), the transient included", DefaultValueFactory = _ => defaults.Steps }.Positive();
        var transient = new Option<int?>("--transient") { Description = "Steps at the start of each horizon that are not counted (steps, not units of time; default: min(50, T_f/5))" }.NonNegative();
        var target = new Option<double>("--target") { Description = "Target λ*, in the exponents' unit (per unit time for a cell with a time step, per step otherwise)", DefaultValueFactory = _ => defaults.Target }.Finite();
        var learningRate = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => defaults.LearningRate }.FinitePositive();
        var orthonormaliseEvery = CommonOptions.OrthonormaliseEvery(defaults.OrthonormaliseEvery);
        var clip = CommonOptions.Clip(bound: null, "while flossing");
        var checkpoint = new Option<int>("--checkpoint") { Description = "Steps between checkpoints of the reverse pass (0: store the whole horizon)", DefaultValueFactory = _ => defaults.CheckpointEvery }.NonNegative();
        var flossed = FlossedParameterRule.Option();
        var plot = PlotOption.Create("the flossing loss and the flossed exponents against the epochs");
        var precision = new Option<string>("--precision") { Description = "Element type of the flossing gradient: float or double", DefaultValueFactory = _ => "double" };
        precision.OneOf("float", "double");
        var command = new Command("floss", "Floss the first k Lyapunov exponents toward a target. Printed per epoch: loss, the flossing loss Σᵢ≤ₖ (λᵢ − λ*)² of the k exponents "
            + "estimated over that epoch's horizon (λ* the --target); λ1, the largest of them; and the epoch's wall time");
        options.AddTo(command, CommonOptions.Groups.GainAndSeed | CommonOptions.Groups.Input | CommonOptions.Groups.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command, saves: "the flossed θ, F64 (F32 with --precision float)");
        foreach (var option in new Option[] { k, epochs, steps, transient, target, learningRate, orthonormaliseEvery, clip, checkpoint, precision, flossed, plot })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var n = result.GetValue(options.N);
            var spec = CellSelection.Resolve(result, options)[0];
            var layout = network.Layout(result, spec, options);
            var count = CommonOptions.ExponentCount(result, k, layout);
            var flossedNames = CommonOptions.GivenList<string>(result, flossed);
            FlossedParameterRule.Check(layout, flossedNames);
            var horizon = result.GetValue(steps);
            var uncounted = result.GetValue(transient) ?? FlossOptions.TransientFor(horizon);
            if (uncounted >= horizon)
            {
                throw new UsageException($"--transient {uncounted} must be less than the horizon --steps {horizon}");
            }
            var inFloat = result.GetValue(precision) == "float";
            var seed = result.GetValue(options.Seed);
            var gain = result.GetValue(options.Gain);
            var flossOptions = new FlossOptions
            {
                K = count,
                Epochs = result.GetValue(epochs),
                Steps = horizon,
                Transient = uncounted,
                OrthonormaliseEvery = result.GetValue(orthonormaliseEvery),
                Target = result.GetValue(target),
                LearningRate = result.GetValue(learningRate),
                Clip = CommonOptions.ClipBound(result, clip),
                CheckpointEvery = result.GetValue(checkpoint),
                Seed = seed,
                Input = CommonOptions.InputKind(result, options.Input),
                Parameters = flossedNames,
            };
            (inFloat ? Flosser.Footprint<float>(layout, flossOptions) : Flosser.Footprint<double>(layout, flossOptions)).Require();
            var theta = network.Theta(result, layout, options);
            // One line per epoch is the command's progress.
            void Report(FlossEpoch epoch) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch.Epoch,4}  loss {NumberText.Scientific(epoch.Loss, 4),11}  λ1 {epoch.Exponents[0],9:F5}  {epoch.Seconds * 1000,7:F1} ms"));
            var unit = ExponentUnit.Of<double>(layout, theta);
            output.WriteLine($"{spec.Name}, n = {layout.StateSize}, flossing {count} exponents {SpectrumCommand.UnitText(unit)} toward {flossOptions.Target.ToString("G6", CultureInfo.InvariantCulture)}");
            var history = inFloat
                ? Flosser.Run<float>(layout, theta, flossOptions, Report)
                : Flosser.Run<double>(layout, theta, flossOptions, Report);
            network.Save(result, layout, theta, single: inFloat);
            var label = $"k = {count}";
            PlotOption.Write(result, plot, () => new Plots.Panels([
                Plots.FlossingPlot.Loss([(label, history)], $"{spec.Name}, n = {layout.StateSize}: flossing {count} exponents toward {flossOptions.Target.ToString("G6", CultureInfo.InvariantCulture)}"),
                Plots.FlossingPlot.Exponents([(label, history)], flossOptions.Target, "", unit: unit.Name)]));
            JsonOutput.Write(result.GetValue(options.Json), new FlossFile(
                RunConfiguration.Of(layout, gain, seed, new FlossRunOptions(result.GetValue(precision)!, flossOptions), network.StartedFrom(result)),
                spec.Name, unit.Name, unit.TimeStep, history));
            return ExitCodes.Success;
        });
        return command;
    }
}
