using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Precision.Condition;
using Verified.Randomness;
using Verified.Storage;

namespace Verified.Cli.Commands;

/// <summary>`verified condition`: κ2 of the long-term Jacobian at 256 bits against Eq 10 (the paper's Fig 2), before and after flossing.</summary>
public static class ConditionCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions();
        var m = new Option<int[]>("--m") { Description = "Numbers of columns of Q (a list)", DefaultValueFactory = _ => [15], AllowMultipleArgumentsPerToken = true }.Positive();
        var horizon = new Option<int>("--horizon") { Description = "Longest horizon t − τ", DefaultValueFactory = _ => 100 }.Positive();
        var every = new Option<int>("--every") { Description = "Report κ2 every this many steps", DefaultValueFactory = _ => 10 }.Positive();
        var bits = new Option<int>("--bits") { Description = "Working precision: 256 or 512", DefaultValueFactory = _ => 256 };
        var confirm = new Option<bool>("--confirm") { Description = "Rerun at 512 bits and report the largest disagreement in log10 κ2 (with --bits 256)" };
        var flossK = new Option<int>("--floss-k") { Description = "Floss this many exponents and measure again (0: no flossing)", DefaultValueFactory = _ => 0 }.NonNegative();
        var flossEpochs = new Option<int>("--floss-epochs") { Description = "Flossing epochs (with --floss-k)", DefaultValueFactory = _ => 300 }.Positive();
        var flossLearningRate = new Option<double>("--floss-lr") { Description = "Adam learning rate of the flossing (with --floss-k)", DefaultValueFactory = _ => 3e-3 }.FinitePositive();
        bits.OneOf("256", "512");
        var plot = PlotOption.Create("κ2 against the horizon, numeric, Eq 10 and the finite-time bound, a panel per m");
        var command = new Command("condition", "Condition number of the long-term Jacobian in 256-bit arithmetic against the Lyapunov estimate (Eq 10)");
        options.AddTo(command, CommonOptions.Groups.GainAndSeed | CommonOptions.Groups.Input | CommonOptions.Groups.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command, ownStart: $"h0 drawn N(0, 1) from --seed, followed by a transient of {new ConditionOptions().Transient} steps");
        foreach (var option in new Option[] { m, horizon, every, bits, confirm, flossK, flossEpochs, flossLearningRate, plot })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var floss = result.GetValue(flossK);
            if (floss == 0)
            {
                OptionRules.RefuseGiven(result, [flossEpochs, flossLearningRate], "sets up the flossing; it needs --floss-k");
            }
            var confirming = result.GetValue(confirm);
            if (confirming && result.GetValue(bits) == 512)
            {
                throw new UsageException("--confirm reruns at 512 bits to confirm the 256-bit run; with --bits 512 it would compare 512 bits with themselves");
            }
            var n = result.GetValue(options.N);
            var spec = CellSelection.Resolve(result, options)[0];
            var layout = network.Layout(result, spec, options);
            var columns = result.GetValue(m)!;
            if (columns.Length == 0 || columns.Any(value => value > layout.StateSize))
            {
                throw new UsageException($"--m must list numbers between 1 and the state size {layout.StateSize}");
            }
            var longest = result.GetValue(horizon);
            var step = result.GetValue(every);
            if (floss > layout.StateSize)
            {
                throw new UsageException($"--floss-k must be between 0 and the state size {layout.StateSize}, not {floss}");
            }
            // Before the horizons are listed: a horizon near int.MaxValue is refused by its size, not enumerated.
            var measurements = 1 + (floss > 0 ? 1 : 0) + (confirming ? 1 : 0);
            ConditionRun.Footprint(layout, columns.Max(), confirming ? 512 : result.GetValue(bits),
                    steps: new ConditionOptions().Transient + (long)longest, horizons: longest / step + 1L, ms: columns.Length, runs: measurements)
                .With(new MemoryLimits.PlannedBuffer("parameter vector θ", layout.ParameterCount, sizeof(double)),
                    new MemoryLimits.PlannedBuffer("θ as it was before flossing", layout.ParameterCount, sizeof(double)))
                .Require();
            var seed = result.GetValue(options.Seed);
            var gain = result.GetValue(options.Gain);
            var theta = network.Theta(result, layout, options);
            var unflossed = theta.ToArray();
            var conditionOptions = new ConditionOptions
            {
                M = columns,
                Horizons = Enumerable.Range(1, longest).Where(t => t % step == 0 || t == longest).ToArray(),
                Bits = result.GetValue(bits),
                Input = CommonOptions.InputKind(result, options.Input),
                InitialState = network.StartState(result, layout),
                Seed = seed,
            };
            if (floss > 0)
            {
                FlossedParameterRule.Check(layout, names: null);
            }
            var flossOptions = floss == 0 ? null : new FlossOptions
            {
                K = floss, Epochs = result.GetValue(flossEpochs), Steps = 300, Transient = 50,
                LearningRate = result.GetValue(flossLearningRate), Input = conditionOptions.Input, Seed = seed,
            };

            // Progress: each measurement's steps at the working precision, and the flossing epochs.
            var board = new ProgressBoard(output);
            var runs = new List<ConditionResult>();
            double? disagreement = null;
            board.Run([ProgressJob.OfSteps($"κ2 of {spec.Name}", (long)measurements * longest + (flossOptions?.Epochs ?? 0), tick =>
            {
                runs.Add(ConditionRun.Run(layout, theta, conditionOptions, flossed: false, tick));
                if (flossOptions is not null)
                {
                    Flosser.Run<double>(layout, theta, flossOptions, _ => tick());
                    runs.Add(ConditionRun.Run(layout, theta, conditionOptions, flossed: true, tick));
                }
                if (confirming)
                {
                    var at512 = ConditionRun.Measure(layout, unflossed,
                        conditionOptions with { Bits = 512 }, flossed: false, tick);
                    disagreement = runs[0].Points.Zip(at512)
                        .Where(pair => pair.First.Resolved && pair.Second.Resolved)
                        .Select(pair => Math.Abs(pair.First.Log10KappaNumeric!.Value - pair.Second.Log10KappaNumeric!.Value))
                        .DefaultIfEmpty(0).Max();
                }
            }, flossOptions is null ? "steps" : "steps and flossing epochs")]);
            var points = runs.SelectMany(run => run.Points).ToList();

            var console = Terminal.Create(output);
            var table = new Table().AddColumns("m", "horizon", "flossed", "log10 κ2 (numeric)", "Eq 10", "finite-time bound");
            string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
            foreach (var point in points)
            {
                table.AddRow(point.M.ToString(CultureInfo.InvariantCulture), point.Horizon.ToString(CultureInfo.InvariantCulture), point.Flossed ? "yes" : "no",
                    point.Log10KappaNumeric is { } numeric ? F(numeric) : "not resolved", F(point.Log10KappaEq10), F(point.Log10KappaFiniteTime));
            }
            console.Write(table);
            if (disagreement is { } worst)
            {
                console.WriteLine($"256 against 512 bits: largest difference in log10 κ2 {NumberText.Scientific(worst)}");
            }
            PlotOption.Write(result, plot, () => Plots.ConditionPlot.AgainstHorizon(points, $"{spec.Name}, n = {layout.StateSize}: κ2 of the long-term Jacobian"),
                panelHeight: columns.Length == 1 ? 560 : 330);
            // Eq 3 directly: the slope of log σ_i(T_t Q) against t over the resolved horizons, beside λ_i per step.
            var unit = runs[0].Spectrum.Unit;
            var eq3 = runs.Select((run, index) => new Eq3Slopes(
                index > 0,
                [.. run.Spectrum.Exponents.Select(exponent => exponent * unit.StepDuration)],
                FiniteTimeSpectrum.Slopes(run.FiniteTime, columns.Max()),
                run.FiniteTime)).ToList();
            foreach (var run in eq3)
            {
                var gaps = run.Slopes.Zip(run.ExponentsPerStep, (slope, lambda) => slope is { } value ? Math.Abs(value - lambda) : (double?)null).OfType<double>().ToList();
                console.WriteLine($"Eq 3 at {conditionOptions.Bits} bits{(run.Flossed ? ", flossed" : "")}: slope of log σ_i(T_t Q) against t for {gaps.Count} of {run.Slopes.Length} exponents, " +
                    (gaps.Count > 0 ? $"largest difference from λ_i {NumberText.Scientific(gaps.Max())} per step" : "none resolved at two horizons"));
            }
            // Eq 10's exponents before (and after) flossing, in the one unit rule; the horizons count steps.
            JsonOutput.Write(result.GetValue(options.Json), new ConditionFile(
                RunConfiguration.Of(layout, gain, seed, new ConditionRunOptions(conditionOptions, flossOptions, confirming), network.StartedFrom(result)),
                spec.Name, conditionOptions.Bits, unit.Name, unit.TimeStep,
                [.. runs.Select((run, index) => new ConditionSpectrum(index > 0, run.Spectrum.Exponents, run.Spectrum.QrOrder))],
                points, eq3, disagreement));
            return ExitCodes.Success;
        });
        return command;
    }
}
