using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Cli.Commands;

/// <summary>`verified train`: a cell with a readout on a delayed-memory task, with flossing before or during training.</summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions(defaultN: 80);
        var task = new Option<string>("--task") { Description = "copy, xor or spatial-xor", DefaultValueFactory = _ => "copy" };
        task.AcceptOnlyFromAmong("copy", "xor", "spatial-xor");
        var delay = new Option<int>("--delay") { Description = "Delay d", DefaultValueFactory = _ => 10 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 500 };
        var steps = new Option<int>("--steps") { Description = "Sequence length T", DefaultValueFactory = _ => 300 };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 16 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var flossing = new Option<string>("--flossing") { Description = "none, pre or during", DefaultValueFactory = _ => "none" };
        flossing.AcceptOnlyFromAmong("none", "pre", "during");
        var k = new Option<int>("--k") { Description = "Flossed exponents", DefaultValueFactory = _ => 1 };
        var flossEpochs = new Option<int>("--floss-epochs") { Description = "Flossing epochs before training, or per episode", DefaultValueFactory = _ => 100 };
        var flossAt = new Option<int[]>("--floss-at") { Description = "Training epochs that start a flossing episode", DefaultValueFactory = _ => [0, 100, 200, 300, 400], AllowMultipleArgumentsPerToken = true };
        var init = new Option<string>("--init") { Description = "Recurrent matrices: gaussian (N(0, g²/N)) or orthogonal", DefaultValueFactory = _ => "gaussian" };
        init.AcceptOnlyFromAmong("gaussian", "orthogonal");
        var lossOption = new Option<string?>("--loss") { Description = "mse or bce (default: the task's own; copy mse, xor tasks bce on logits)" };
        lossOption.AcceptOnlyFromAmong("mse", "bce");
        var flossSteps = new Option<int>("--floss-steps") { Description = "Flossing horizon T_f", DefaultValueFactory = _ => 300 };
        var flossParameters = new Option<string[]?>("--floss-parameters") { Description = "Flossed cell parameters (default: all)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train on a delayed-memory task by BPTT, with optional gradient flossing");
        options.AddTo(command);
        foreach (var option in new Option[] { task, delay, epochs, steps, batch, lr, flossing, k, flossEpochs, flossAt, init, lossOption, flossSteps, flossParameters })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var n = options.PositiveN(result);
            var spec = CellSelection.Resolve(result, options, allWhenNone: false)[0];
            var d = CommonOptions.Positive(result.GetValue(delay), "--delay");
            var t = CommonOptions.Positive(result.GetValue(steps), "--steps");
            if (t <= d)
            {
                throw new UsageException($"--steps ({t}) must exceed --delay ({d})");
            }
            var flossed = result.GetValue(flossParameters);
            var cellLayout = spec.Layout(CellDimensions.Of(n, DelayedTask.Create(result.GetValue(task)!, d).InputSize));
            foreach (var name in flossed ?? [])
            {
                if (cellLayout.Parameters.All(parameter => parameter.Name != name))
                {
                    throw new UsageException($"cell {spec.Name} has no parameter '{name}' to floss (it has {string.Join(", ", cellLayout.Parameters.Select(parameter => parameter.Name))})");
                }
            }
            var rate = result.GetValue(lr);
            if (!(rate > 0))
            {
                throw new UsageException("--lr must be positive");
            }
            var trainOptions = new TrainOptions
            {
                Task = result.GetValue(task)!,
                Delay = d,
                Steps = t,
                Batch = CommonOptions.Positive(result.GetValue(batch), "--batch"),
                Epochs = CommonOptions.Positive(result.GetValue(epochs), "--epochs"),
                LearningRate = rate,
                Gain = result.GetValue(options.Gain),
                RecurrentInit = result.GetValue(init) == "orthogonal" ? Init.Orthogonal : Init.RecurrentGaussian,
                Seed = result.GetValue(options.Seed),
                Flossing = Enum.Parse<FlossingSchedule>(result.GetValue(flossing)!, ignoreCase: true),
                FlossK = CommonOptions.Positive(result.GetValue(k), "--k"),
                FlossEpochs = CommonOptions.Positive(result.GetValue(flossEpochs), "--floss-epochs"),
                FlossAt = result.GetValue(flossAt)!,
                FlossSteps = CommonOptions.Positive(result.GetValue(flossSteps), "--floss-steps"),
                FlossParameters = flossed,
                Loss = result.GetValue(lossOption) switch { "mse" => LossKind.MeanSquaredError, "bce" => LossKind.BinaryCrossEntropy, _ => null },
            };
            var every = Math.Max(1, trainOptions.Epochs / 20);
            var trained = Trainer.Run(spec, n, trainOptions, epoch =>
            {
                if (epoch.Epoch % every == 0 || epoch.Epoch == trainOptions.Epochs - 1)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {epoch.Epoch,5}  loss {epoch.Loss,10:E3}  test {epoch.TestLoss,10:E3}  accuracy {epoch.TestAccuracy,6:F3}  |∂L/∂h0| {epoch.GradNormH0,9:E2}"));
                }
            });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"λ1 after training {trained.Lambda1After:F4}"));
            JsonOutput.Write(result.GetValue(options.Json), new
            {
                cell = spec.Name, task = trainOptions.Task, delay = d, flossing = trainOptions.Flossing.ToString().ToLowerInvariant(),
                history = trained.History, final = trained.Final, lambda1After = trained.Lambda1After, flossedAtEpochs = trained.FlossedAtEpochs,
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
