using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Lyapunov;
using Verified.Lyapunov.Covariant;

namespace Verified.Cli.Commands;

/// <summary>`verified clv`: the k leading covariant Lyapunov vectors of a cell by Ginelli's forward–backward method (<see cref="CovariantVectors"/>).</summary>
public static class ClvCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions();
        var k = new Option<int>("--k") { Description = "Number of covariant vectors (the leading ones)", DefaultValueFactory = _ => 1 }.Positive();
        var steps = new Option<int>("--steps") { Description = "Steps of the window whose vectors are recorded", DefaultValueFactory = _ => 1000 }.Positive();
        var transient = new Option<int>("--transient") { Description = "Transient steps for the state and again, forward, for Q", DefaultValueFactory = _ => 100 }.NonNegative();
        var backwardTransient = new Option<int>("--backward-transient") { Description = "Steps after the window whose R factors relax the backward pass", DefaultValueFactory = _ => 100 }.NonNegative();
        var recordEvery = new Option<int>("--record-every") { Description = "Steps between recorded vectors (window steps 0, this, twice this, …)", DefaultValueFactory = _ => 10 }.Positive();
        var plot = new Option<FileInfo?>("--plot") { Description = "Draw the growth rates and the unstable–stable angle against the step to this PNG (default: no plot)" }.WritableFile();
        var command = new Command("clv", "Covariant Lyapunov vectors (Ginelli's forward–backward method): exponents, growth rates, angles and the vectors themselves");
        options.AddTo(command, CommonOptions.Groups.GainAndSeed | CommonOptions.Groups.Input | CommonOptions.Groups.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command, ownStart: "h0 drawn N(0, 1) from --seed, followed by --transient steps");
        foreach (var option in new Option[] { k, steps, transient, backwardTransient, recordEvery, plot })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var spec = CellSelection.Resolve(result, options)[0];
            var layout = network.Layout(result, spec, options);
            var clvOptions = new CovariantOptions
            {
                K = CommonOptions.ExponentCount(result, k, layout),
                Steps = result.GetValue(steps),
                Transient = result.GetValue(transient),
                ForwardTransient = result.GetValue(transient),
                BackwardTransient = result.GetValue(backwardTransient),
                RecordEvery = result.GetValue(recordEvery),
                Input = CommonOptions.InputKind(result, options.Input),
                Seed = result.GetValue(options.Seed),
                InitialState = network.StartState(result, layout),
            };
            var forwardSteps = 2L * clvOptions.Transient + clvOptions.Steps + clvOptions.BackwardTransient;
            if (forwardSteps > int.MaxValue)
            {
                throw new UsageException($"--steps {clvOptions.Steps}, twice --transient {clvOptions.Transient} and --backward-transient {clvOptions.BackwardTransient} add up to more than {int.MaxValue} steps");
            }
            CovariantVectors.Footprint(layout, clvOptions).Require();
            var gain = result.GetValue(options.Gain);
            var theta = network.Theta(result, layout, options);
            var clv = new ProgressBoard(output).Run($"covariant vectors of {spec.Name}", forwardSteps + clvOptions.StoredFactors,
                tick => CovariantVectors.Compute(layout, theta, clvOptions, tick));
            string F(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
            output.WriteLine($"{spec.Name}, n = {layout.StateSize}, {clvOptions.Steps} window steps, {clv.Steps.Length} recorded, exponents {SpectrumCommand.UnitText(clv.Unit)}, descending");
            for (var i = 0; i < clv.Exponents.Length; i++)
            {
                output.WriteLine($"  λ{i + 1} = {F(clv.Exponents[i])}   along v{i + 1}: {F(clv.CovariantExponents[i])}");
            }
            if (clv.UnstableStableAngles is { } angles)
            {
                output.WriteLine($"  angle between the unstable ({clv.UnstableDimension}) and stable subspaces: smallest {F(angles.Min())} rad, median {F(Median(angles))} rad");
            }
            var n = layout.StateSize;
            JsonOutput.Write(result.GetValue(options.Json), ClvFile.Of(
                RunConfiguration.Of(layout, gain, clvOptions.Seed, clvOptions, network.StartedFrom(result)), spec.Name, n, clvOptions.K, clv));
            if (result.GetValue(plot) is { } file)
            {
                ClvPlot.Write(clv, file.FullName, $"covariant Lyapunov vectors of {spec.Name}, n = {n}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
