using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verified.Cli.Output;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Precision.Condition;
using Verified.Random;

namespace Verified.Cli.Commands;

/// <summary>`verified condition`: κ2 of the long-term Jacobian at 256 bits against Eq 10 (the paper's Fig 2), before and after flossing.</summary>
public static class ConditionCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions(defaultN: 80);
        var m = new Option<int[]>("--m") { Description = "Numbers of columns of Q (a list)", DefaultValueFactory = _ => [15], AllowMultipleArgumentsPerToken = true }.Positive();
        var horizon = new Option<int>("--horizon") { Description = "Longest horizon t − τ", DefaultValueFactory = _ => 100 }.Positive();
        var every = new Option<int>("--every") { Description = "Report κ2 every this many steps", DefaultValueFactory = _ => 10 }.Positive();
        var bits = new Option<int>("--bits") { Description = "Working precision: 256 or 512", DefaultValueFactory = _ => 256 };
        var confirm = new Option<bool>("--confirm") { Description = "Rerun at 512 bits and report the largest disagreement in log10 κ2" };
        var flossK = new Option<int>("--floss-k") { Description = "Floss this many exponents and measure again (0: no flossing)", DefaultValueFactory = _ => 0 }.NonNegative();
        var flossEpochs = new Option<int>("--floss-epochs") { Description = "Flossing epochs", DefaultValueFactory = _ => 300 }.Positive();
        var input = CommonOptions.Input("none");
        bits.AcceptOnlyFromAmong("256", "512");
        var command = new Command("condition", "Condition number of the long-term Jacobian in 256-bit arithmetic against the Lyapunov estimate (Eq 10)");
        options.AddTo(command);
        foreach (var option in new Option[] { m, horizon, every, bits, confirm, flossK, flossEpochs, input })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var n = result.GetValue(options.N);
            var spec = CellSelection.Resolve(result, options, allWhenNone: false)[0];
            var layout = spec.Layout(CellDimensions.Of(n));
            var columns = result.GetValue(m)!;
            if (columns.Length == 0 || columns.Any(value => value > layout.StateSize))
            {
                throw new UsageException($"--m must list numbers between 1 and the state size {layout.StateSize}");
            }
            var longest = result.GetValue(horizon);
            var step = result.GetValue(every);
            var floss = result.GetValue(flossK);
            if (floss > layout.StateSize)
            {
                throw new UsageException($"--floss-k must be between 0 and the state size {layout.StateSize}, not {floss}");
            }
            Footprints.Condition(layout, columns.Max(), result.GetValue(confirm) ? 512 : result.GetValue(bits));
            var seed = result.GetValue(options.Seed);
            var theta = ParameterInitializer.Create(layout, result.GetValue(options.Gain), new Rng(seed));
            var conditionOptions = new ConditionOptions
            {
                M = columns,
                Horizons = Enumerable.Range(1, longest).Where(t => t % step == 0 || t == longest).ToArray(),
                Bits = result.GetValue(bits),
                Input = CommonOptions.InputKind(result, input),
                Seed = seed,
            };
            var runs = new List<ConditionResult> { ConditionRun.Run(layout, theta, conditionOptions, flossed: false) };
            if (floss > 0)
            {
                Flosser.Run<double>(layout, theta, new FlossOptions
                {
                    K = floss, Epochs = result.GetValue(flossEpochs), Steps = 300, Transient = 50,
                    LearningRate = 3e-3, Input = conditionOptions.Input, Seed = seed,
                });
                runs.Add(ConditionRun.Run(layout, theta, conditionOptions, flossed: true));
            }
            var points = runs.SelectMany(run => run.Points).ToList();
            double? disagreement = null;
            if (result.GetValue(confirm))
            {
                var at512 = ConditionRun.Measure(layout, ParameterInitializer.Create(layout, result.GetValue(options.Gain), new Rng(seed)),
                    conditionOptions with { Bits = 512 }, flossed: false);
                disagreement = points.Where(point => !point.Flossed).Zip(at512)
                    .Where(pair => pair.First.Resolved && pair.Second.Resolved)
                    .Select(pair => Math.Abs(pair.First.Log10KappaNumeric!.Value - pair.Second.Log10KappaNumeric!.Value))
                    .DefaultIfEmpty(0).Max();
            }

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
                console.WriteLine($"256 against 512 bits: largest difference in log10 κ2 {worst.ToString("E2", CultureInfo.InvariantCulture)}");
            }
            // Eq 10's exponents before (and after) flossing, in the one unit rule; the horizons count steps.
            var unit = runs[0].Spectrum.Unit;
            JsonOutput.Write(result.GetValue(options.Json), new
            {
                cell = spec.Name, bits = conditionOptions.Bits, unit = unit.Name, timeStep = unit.TimeStep,
                spectra = runs.Select((run, index) => new { flossed = index > 0, exponents = run.Spectrum.Exponents, qrOrder = run.Spectrum.QrOrder }),
                points, confirmedAgainst512 = disagreement,
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
