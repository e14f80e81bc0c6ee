using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Flossing;
using Verified.Storage;

namespace Verified.Cli.Commands;

/// <summary>`verified basis`: how much the flossing loss and its gradient depend on the random starting basis Q_0, and how that shrinks with the transient (<see cref="BasisSensitivity"/>).</summary>
public static class BasisCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions();
        var k = new Option<int>("--k") { Description = "Number of flossed exponents", DefaultValueFactory = _ => 1 }.Positive();
        var steps = new Option<int>("--steps") { Description = "Counted steps of the horizon (the same at every transient)", DefaultValueFactory = _ => 250 }.Positive();
        var transients = new Option<int[]>("--transients")
        {
            Description = "Transients to compare (a list; the horizon is each plus --steps)", DefaultValueFactory = _ => [0, 10, 50, 200], AllowMultipleArgumentsPerToken = true,
        }.NonNegative();
        var samples = new Option<int>("--samples") { Description = "Random bases Q_0 per transient (at least 2)", DefaultValueFactory = _ => 8 }.Positive();
        var target = new Option<double>("--target") { Description = "Target λ* of the loss, in the exponents' unit", DefaultValueFactory = _ => 0.0 }.Finite();
        var orthonormaliseEvery = CommonOptions.OrthonormaliseEvery(new FlossOptions().OrthonormaliseEvery);
        var command = new Command("basis", "Spread of the flossing loss and its gradient over random starting bases Q_0, against the transient");
        options.AddTo(command, CommonOptions.Groups.GainAndSeed | CommonOptions.Groups.Input | CommonOptions.Groups.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command);
        foreach (var option in new Option[] { k, steps, transients, samples, target, orthonormaliseEvery })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var spec = CellSelection.Resolve(result, options)[0];
            var layout = network.Layout(result, spec, options);
            try
            {
                BasisSensitivity.RequireParameters(layout);
            }
            catch (ArgumentException refused)
            {
                throw new UsageException(refused.Message);
            }
            var count = CommonOptions.ExponentCount(result, k, layout);
            var chosen = CommonOptions.GivenList<int>(result, transients) ?? result.GetValue(transients)!;
            var counted = result.GetValue(steps);
            var bases = result.GetValue(samples);
            if (bases < 2)
            {
                throw new UsageException("--samples must be at least 2: a spread needs two bases");
            }
            if ((long)chosen.Max() + counted > int.MaxValue)
            {
                throw new UsageException($"the longest transient {chosen.Max()} and --steps {counted} add up to more than {int.MaxValue} steps");
            }
            var seed = result.GetValue(options.Seed);
            var flossOptions = new FlossOptions
            {
                K = count, Steps = counted, OrthonormaliseEvery = result.GetValue(orthonormaliseEvery), Target = result.GetValue(target),
                Input = CommonOptions.InputKind(result, options.Input), Seed = seed,
            };
            BasisSensitivity.Footprint(layout, flossOptions, chosen, bases).Require();
            var gain = result.GetValue(options.Gain);
            var theta = network.Theta(result, layout, options);
            var spreads = new ProgressBoard(output).Run($"basis sensitivity of {spec.Name}", (long)bases * chosen.Length,
                tick => BasisSensitivity.Measure(layout, theta, flossOptions, chosen, bases, tick));
            output.WriteLine($"{spec.Name}, n = {layout.StateSize}, k = {count}, {counted} counted steps, {bases} random bases per transient");
            foreach (var spread in spreads)
            {
                output.WriteLine($"  transient {spread.Transient.ToString(CultureInfo.InvariantCulture),6}: loss {NumberText.Scientific(spread.LossMean, 4)} ± {NumberText.Scientific(spread.LossSpread)}, " +
                    $"gradient spread {NumberText.Scientific(spread.GradientSpread)} of its norm");
            }
            JsonOutput.Write(result.GetValue(options.Json), new BasisFile(
                RunConfiguration.Of(layout, gain, seed, new BasisRunOptions(flossOptions, chosen, bases), network.StartedFrom(result)), spec.Name, spreads));
            return ExitCodes.Success;
        });
        return command;
    }
}
