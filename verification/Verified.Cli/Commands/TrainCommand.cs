using System.CommandLine;
using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Experiments.Sweeps;
using Verified.Storage;
using Verified.Training;
using Verified.Training.Tasks;

namespace Verified.Cli.Commands;

/// <summary>`verified train`: a cell with a readout on a delayed-memory task, with flossing before or during training.</summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new CommonOptions();
        var training = new TrainingOptionSet(options);
        var delay = new Option<int>("--delay") { Description = "Delay d", DefaultValueFactory = _ => 10 }.Positive();
        var flossing = new Option<string>("--flossing")
        {
            Description = "none, pre (E_p epochs before training) or during (episodes at the --floss-at epochs); episode i (0, 1, …) flosses with the seed " +
                "--seed XOR FNV-1a(\"floss-i\"), printed with it, so that `floss --seed S --steps T_f --transient … --lr … --input …` reruns it alone",
            DefaultValueFactory = _ => "none",
        };
        flossing.OneOf("none", "pre", "during");
        var k = new Option<int>("--k") { Description = "Flossed exponents k", DefaultValueFactory = _ => 1 }.Positive();
        var plot = PlotOption.Create("the training loss, test loss and test accuracy against the epochs, flossing episodes marked");
        var clvOverlap = new Option<bool>("--record-clv-overlap")
        {
            Description = "At every evaluation, record |cos| between ∂L/∂h0 of the training batch's first sequence and the first forward Lyapunov vector at h0 " +
                "along it (the leading right singular vector of T_t = D_{t−1}⋯D_0 over the sequence, by power iteration forward with D_s and back with D_sᵀ; " +
                "Kuptsov and Parlitz 2012), as clvOverlap in the JSON history. The first covariant vector is undefined at h0, which has no past (docs/design.md)",
        };
        var command = new Command("train", "Train on a delayed-memory task by BPTT, with optional gradient flossing. " + TrainingMetrics.Help);
        options.AddTo(command, CommonOptions.Groups.GainAndSeed | CommonOptions.Groups.Json);
        var network = new NetworkFileOptions();
        network.AddTo(command,
            saves: "the trained θ with the readout (readout.weight, readout.bias) and the learned initial state h0, F64 whatever --precision (Adam keeps θ in double)",
            ownStart: "h0 drawn N(0, 1) and relaxed for 100 input-free steps, then learned");
        training.AddTo(command);
        command.Options.Add(delay);
        command.Options.Add(flossing);
        command.Options.Add(k);
        command.Options.Add(plot);
        command.Options.Add(clvOverlap);
        command.SetAction(result =>
        {
            var schedule = Enum.Parse<FlossingSchedule>(result.GetValue(flossing)!, ignoreCase: true);
            training.RefuseUnread(result, [schedule], k, "--flossing");
            if (result.GetValue(training.Epochs) == 0)
            {
                OptionRules.RefuseGiven(result, [clvOverlap], "is recorded at training epochs; with --epochs 0 there are none");
            }
            var n = result.GetValue(options.N);
            var spec = CellSelection.Resolve(result, options)[0];
            var trainOptions = training.Read(result, result.GetValue(delay), schedule, result.GetValue(k)) with { RecordClvOverlap = result.GetValue(clvOverlap) ? true : null };
            var task = DelayedTask.Create(trainOptions.Task, trainOptions.Delay);
            // θ and h0 of a file replace the initialiser's draw, which --g and --init would shape.
            network.RefuseInitialiserOptions(result, options.Gain, training.Init, training.ModelInit, training.InputWeights);
            var layout = network.Layout(result, spec, options, task.InputSize);
            if (layout.InputSize != task.InputSize)
            {
                var taking = result.GetValue(network.Params) is { } file ? $"the network in '{file}'" : $"cell {spec.Name}";
                throw new UsageException($"{taking} takes {layout.InputSize} input(s) per step, but the {trainOptions.Task} task gives {task.InputSize}");
            }
            n = layout.Dimension("N");
            TrainingOptionSet.Check(spec, n, trainOptions);
            // Checked above: the task's inputs are its own or the copy task's chosen distribution.
            var scored = DelayedTask.Create(trainOptions.Task, trainOptions.Delay, trainOptions.TaskInput).HasAccuracy;
            var model = new RecurrentModel(layout, task.OutputSize);
            var start = result.GetValue(network.Params) is { } parameters ? NetworkFile.Load(parameters.FullName, model) : new NetworkStart();
            if (network.StartState(result, layout) is { } h0)
            {
                start = start with { InitialState = h0 };
            }
            var run = TrainingRun.Of(spec, n, trainOptions);
            var board = new ProgressBoard(output);
            TrainResult trained = null!;
            // A run from files is not the run its options name (its JSON has no id), so the progress names the file instead.
            var label = start == new NetworkStart() ? run.Id : $"from {result.GetValue(network.Params)?.Name ?? result.GetValue(network.InitialState)?.Name}";
            board.Run([new ProgressJob($"training {label}", run.ProgressTicks, tick => trained = Trainer.Run(spec, n, trainOptions, epoch => board.Write(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch.Epoch,5}  loss {NumberText.Scientific(epoch.Loss, 3),10}  test {NumberText.Scientific(epoch.TestLoss, 3),10}  {TrainingMetrics.Accuracy(scored, epoch.TestAccuracy)}|∂L/∂h0| {NumberText.Scientific(epoch.GradNormH0),9}{(epoch.ClvOverlap is { } cos ? "  |cos(∂L/∂h0, v1)| " + cos.ToString("F3", CultureInfo.InvariantCulture) : "")}  {epoch.Seconds * 1e3,7:F2} ms/epoch")), tick, start))]);
            foreach (var (episode, i) in trained.FlossingEpisodes.Select((episode, i) => (episode, i)))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"flossing at epoch {episode.AtEpoch} (seed {Trainer.FlossingSeed(trainOptions.Seed, i)}): {episode.Epochs} epochs, loss {NumberText.Scientific(episode.LossFirst, 3)} → {NumberText.Scientific(episode.LossLast, 3)}, λ1 {episode.ExponentsFirst[0]:F4} → {episode.ExponentsLast[0]:F4}"));
            }
            // Each record's seconds are per epoch since the previous record: weighted by the epochs they cover, they add up to the training loop's time.
            var trainingSeconds = trained.History.Select((epoch, i) => epoch.Seconds * (epoch.Epoch - (i == 0 ? -1 : trained.History[i - 1].Epoch))).Sum();
            output.WriteLine(trainOptions.Epochs == 0
                ? string.Create(CultureInfo.InvariantCulture, $"no training epochs: the starting network evaluated; λ1 {trained.Lambda1After:F4}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{trainOptions.Epochs} training epochs in {trainingSeconds:F2} s ({trainingSeconds / trainOptions.Epochs * 1e3:F2} ms/epoch, evaluation included); λ1 after training {trained.Lambda1After:F4}"));
            PlotOption.Write(result, plot, () => Plots.TrainingPlot.Curves([(label, trained)], $"{spec.Name}, N = {n}: {trainOptions.Task} task, delay {trainOptions.Delay}"), panelHeight: 300);
            if (result.GetValue(network.SaveParams) is { } saved)
            {
                NetworkFile.Save(saved.FullName, model, trained.Theta);
            }
            // A run that starts from files is not the run its options name: it has no id, and names its files instead.
            JsonOutput.Write(result.GetValue(options.Json), TrainFile.Of(
                RunConfiguration.Of(layout, trainOptions.Gain, trainOptions.Seed, trainOptions, network.StartedFrom(result)),
                start == new NetworkStart() ? run.Id : null, trained));
            return ExitCodes.Success;
        });
        return command;
    }
}
