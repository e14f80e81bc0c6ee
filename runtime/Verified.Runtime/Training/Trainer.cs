using System.Diagnostics;
using Verified.Dense;
using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Optimisation;
using Verified.Randomness;
using Verified.Training.Tasks;

namespace Verified.Training;

/// <summary>
/// Trains a cell with a linear readout on a delayed-memory task by BPTT and Adam with
/// per-parameter clipping, flossing the cell's exponents before training or in episodes during
/// it; a [TimeStep] parameter (Δt) is not trained. Training batches and the test set come from
/// separate seeded streams, and evaluation (the test set, ∂L/∂W's singular values) runs only every
/// <see cref="TrainOptions.EvalEvery"/> epochs and at the last, touching neither θ nor a generator
/// that training uses: θ does not depend on how often a run is evaluated. A training epoch between
/// evaluations allocates nothing, so runs side by side do not stop for each other's collections.
/// </summary>
public static class Trainer
{
    /// <summary>How many of the trained network's leading exponents a run reports.</summary>
    public const int ExponentsAfterTraining = 10;

    /// <summary>
    /// Runs the training from the initialiser's draw, or from <paramref name="start"/> where it gives values; <paramref name="evaluated"/>
    /// sees each record of the history, <paramref name="epochDone"/> every epoch and every flossing epoch (for progress). With no
    /// training epochs the one record (epoch 0) evaluates the network as it starts, after any preflossing.
    /// </summary>
    public static TrainResult Run(CellSpec spec, int n, TrainOptions options, Action<TrainEpoch>? evaluated = null, Action? epochDone = null, NetworkStart? start = null) =>
        options.Precision == ElementPrecision.Float
            ? Run<float>(spec, n, options, evaluated, epochDone, start)
            : Run<double>(spec, n, options, evaluated, epochDone, start);

    /// <summary>The run with its kernels in <typeparamref name="T"/>; θ is kept, and Adam steps, in double.</summary>
    private static TrainResult Run<T>(CellSpec spec, int n, TrainOptions options, Action<TrainEpoch>? evaluated, Action? epochDone, NetworkStart? start)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var runClock = Stopwatch.StartNew();
        var layout = spec.Layout(CellDimensions.Of(n, DelayedTask.Create(options.Task, options.Delay).InputSize));
        Validate(layout, options);
        var task = DelayedTask.Create(options.Task, options.Delay, options.TaskInput);
        var model = new RecurrentModel(layout, task.OutputSize);
        Footprint<T>(layout, task.OutputSize, options).Require();
        var loss = options.Loss ?? task.DefaultLoss;
        var theta = model.Initialise(options.Gain, Rng.ForStream(options.Seed, "init"), options.RecurrentInit,
            options.ModelInit ?? ModelInit.Verified, Rng.ForStream(options.Seed, "author-bias"), options.InputWeights ?? InputWeightInit.Declared);
        start?.ApplyTo(model, theta);
        var bptt = new Bptt<T>(model, options.Batch, options.Steps);
        var testBptt = new Bptt<T>(model, options.TestBatch, options.Steps);
        var thetaT = new T[model.ParameterCount];
        var gradientT = new T[model.ParameterCount];
        var test = task.Generate(Rng.ForStream(options.Seed, "test"), options.TestBatch, options.Steps);
        var training = Rng.ForStream(options.Seed, "train");
        var batch = task.Generate(training, options.Batch, options.Steps);
        // Δt, a [TimeStep] parameter, is not trained: it sets the unit of the exponents, not the task's fit.
        var adam = new Adam([.. layout.Parameters.Where(parameter => parameter != layout.TimeStepParameter), .. model.OwnParameters()], model.ParameterCount) { LearningRate = options.LearningRate, Clip = options.Clip };
        var gradient = new double[model.ParameterCount];
        var regulariser = Regulariser(options, layout, model);
        var history = new List<TrainEpoch>();
        var episodes = new List<FlossingEpisode>();
        var flossInput = options.FlossInput ?? task.Input;
        var overlap = options.RecordClvOverlap == true ? new InitialStateOverlap(model, options) : null;

        void Floss(int epoch)
        {
            var phase = options.Flossing == FlossingSchedule.Pre ? "preflossing" : $"flossing episode {episodes.Count + 1} before training epoch {epoch}";
            var flossOptions = EpisodeOptions(options, flossInput, episodes.Count);
            var clock = Stopwatch.StartNew();
            IReadOnlyList<FlossEpoch> flossing;
            try
            {
                flossing = Flosser.Run<T>(layout, theta.AsSpan(0, layout.ParameterCount), flossOptions, _ => epochDone?.Invoke());
            }
            catch (TrajectoryDivergedException diverged)
            {
                throw diverged.Within(phase);
            }
            catch (FlossingFailedException failed)
            {
                throw new FlossingFailedException(failed.Epoch, failed.Exponents, phase);
            }
            episodes.Add(new FlossingEpisode(epoch, options.FlossEpochs, flossing[0].Loss, flossing[^1].Loss, flossing[0].Exponents, flossing[^1].Exponents, clock.Elapsed.TotalSeconds));
        }

        if (options.Flossing == FlossingSchedule.Pre)
        {
            Floss(0);
        }
        var since = Stopwatch.StartNew();
        var previous = -1;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (options.Flossing == FlossingSchedule.During && options.FlossAt.Contains(epoch))
            {
                Floss(epoch);
            }
            if (epoch > 0)
            {
                task.Fill(training, batch);
            }
            double trainLoss, gradNormH0;
            try
            {
                ElementConversion.Round<T>(theta, thetaT);
                (trainLoss, gradNormH0) = bptt.LossAndGradient(thetaT, batch, loss, gradientT);
                ElementConversion.Widen<T>(gradientT, gradient);
                regulariser?.AddGradient(theta, bptt, batch, options.RegularisationWeight ?? TrainOptions.DefaultRegularisationWeight, gradient);
            }
            catch (TrajectoryDivergedException diverged)
            {
                // The phase is named only when it fails: a training epoch allocates nothing.
                throw diverged.Within($"training epoch {epoch}");
            }
            var evaluate = epoch % options.EvalEvery == 0 || epoch == options.Epochs - 1;
            var singular = evaluate ? GradientSingularValues(model, gradient) : null;
            var clvOverlap = evaluate ? overlap?.Measure(theta, bptt, batch, epoch) : null;
            adam.Update(theta, gradient);
            if (evaluate)
            {
                ElementConversion.Round<T>(theta, thetaT);
                var (testLoss, accuracy) = Within($"test evaluation after training epoch {epoch}", () => testBptt.Evaluate(thetaT, test, loss));
                var record = new TrainEpoch(epoch, trainLoss, testLoss, accuracy, gradNormH0, singular!, since.Elapsed.TotalSeconds / (epoch - previous)) { ClvOverlap = clvOverlap };
                history.Add(record);
                evaluated?.Invoke(record);
                (previous, since) = (epoch, Stopwatch.StartNew());
            }
            epochDone?.Invoke();
        }
        if (options.Epochs == 0)
        {
            ElementConversion.Round<T>(theta, thetaT);
            var (batchLoss, gradNormH0) = Within("evaluation of the starting network", () => bptt.LossAndGradient(thetaT, batch, loss, gradientT));
            ElementConversion.Widen<T>(gradientT, gradient);
            var (testLoss, accuracy) = Within("test evaluation of the starting network", () => testBptt.Evaluate(thetaT, test, loss));
            var record = new TrainEpoch(0, batchLoss, testLoss, accuracy, gradNormH0, GradientSingularValues(model, gradient), 0);
            history.Add(record);
            evaluated?.Invoke(record);
        }
        // The leading exponents after training, λ1 … λ10 (Fig 13 plots λ1 and λ10 against the delay).
        var after = Within("the spectrum after training", () => LyapunovSpectrum.Compute(layout, theta.AsSpan(0, layout.ParameterCount), new SpectrumOptions
        {
            K = Math.Min(ExponentsAfterTraining, layout.StateSize), Steps = 2000, Transient = 200, QTransient = 200, Input = task.Input, Seed = options.Seed, TrackLogDet = false,
        }).Exponents);
        return new TrainResult(history, history[^1], after[0], episodes, runClock.Elapsed.TotalSeconds, theta) { ExponentsAfter = after };
    }

    /// <summary>The penalty of <see cref="TrainOptions.Regulariser"/> on this model; null without one.</summary>
    private static Regularisers.IRegulariser? Regulariser(TrainOptions options, CellLayout layout, RecurrentModel model) => options.Regulariser switch
    {
        null => null,
        Regularisers.RegulariserKind.SpectralRadius => new Regularisers.SpectralRadiusPenalty(model.RecurrentMatrix!),
        _ => new Regularisers.JacobianPenalty(layout),
    };

    /// <summary>
    /// The seed of flossing episode <paramref name="episode"/> (0 for preflossing, then one per episode during
    /// training): the run's seed XOR FNV-1a("floss-i") (<see cref="Rng.DeriveSeed"/>), so that `floss --seed` reruns an episode alone.
    /// </summary>
    public static ulong FlossingSeed(ulong seed, int episode) => Rng.DeriveSeed(seed, $"floss-{episode}");

    /// <summary>Runs a phase of the run, naming it in any divergence.</summary>
    private static TResult Within<TResult>(string phase, Func<TResult> work)
    {
        try
        {
            return work();
        }
        catch (TrajectoryDivergedException diverged)
        {
            throw diverged.Within(phase);
        }
    }

    /// <summary>The options of flossing episode <paramref name="episode"/> of a run (its own seed), on the input <paramref name="input"/>.</summary>
    private static FlossOptions EpisodeOptions(TrainOptions options, Lyapunov.InputKind input, int episode) => new()
    {
        K = options.FlossK, Epochs = options.FlossEpochs, Steps = options.FlossSteps, Transient = options.FlossTransient,
        LearningRate = options.FlossLearningRate, Parameters = options.FlossParameters, Input = input,
        Seed = FlossingSeed(options.Seed, episode),
    };

    /// <summary>
    /// What a run holds at once, checked before any work: θ, its gradient and Adam's moments (double) and θ and its
    /// gradient in the kernels' type; the training batch's and the test set's BPTT (<see cref="Bptt{T}.Footprint"/>);
    /// and, with flossing, an episode's (<see cref="Flosser.Footprint{T}"/>). Validate the options first.
    /// </summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="outputs">The task's outputs a step.</param>
    /// <param name="options">The run's options, in its <see cref="TrainOptions.Precision"/>.</param>
    public static MemoryLimits.Footprint Footprint(CellLayout layout, int outputs, TrainOptions options) =>
        options.Precision == ElementPrecision.Float ? Footprint<float>(layout, outputs, options) : Footprint<double>(layout, outputs, options);

    private static MemoryLimits.Footprint Footprint<T>(CellLayout layout, int outputs, TrainOptions options) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var model = new RecurrentModel(layout, outputs);
        var footprint = new MemoryLimits.Footprint($"training {layout.Spec.Name} at n = {layout.StateSize} on {options.Steps} steps",
                new MemoryLimits.PlannedBuffer("parameter vector, its gradient and Adam's moments", 4L * model.ParameterCount, sizeof(double)),
                new MemoryLimits.PlannedBuffer("parameter vector and its gradient in the kernels' type", 2L * model.ParameterCount, System.Runtime.CompilerServices.Unsafe.SizeOf<T>()))
            .With(Bptt<T>.Footprint(model, options.Batch, options.Steps))
            .With(Bptt<T>.Footprint(model, options.TestBatch, options.Steps));
        return options.Flossing == FlossingSchedule.None ? footprint : footprint.With(Flosser.Footprint<T>(layout, EpisodeOptions(options, Lyapunov.InputKind.None, 0)));
    }

    /// <summary>Every option a run needs, checked before any work: sizes, k against the state, the flossed names against the cell.</summary>
    public static void Validate(CellLayout layout, TrainOptions options)
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message);
            }
        }
        var inputSize = DelayedTask.Create(options.Task, options.Delay).InputSize;
        // The task refuses an input distribution it cannot draw (another one is for the copy task only).
        DelayedTask.Create(options.Task, options.Delay, options.TaskInput);
        Require(layout.InputSize == inputSize, layout.Spec.Input is null
            ? $"cell {layout.Spec.Name} has no input, so it cannot see the {options.Task} task's inputs"
            : $"cell {layout.Spec.Name} takes {layout.InputSize} inputs a step, the {options.Task} task gives {inputSize}");
        Require(options.InputWeights != InputWeightInit.AuthorCode || inputSize > 1 && new RecurrentModel(layout, 1).InputWeights().Any(),
            $"the author's input weights differ from the declared ones only for a cell with input weights and more than one input; the {options.Task} task gives {inputSize}");
        Require(options.Steps > options.Delay, $"the sequence length T = {options.Steps} must exceed the delay d = {options.Delay}");
        Require(options.Batch > 0 && options.TestBatch > 0 && options.EvalEvery > 0, "batch, test batch and the evaluation interval must be positive");
        Require(options.Epochs >= 0, "the training epochs must not be negative");
        Require(options.LearningRate > 0 && double.IsFinite(options.LearningRate), "the learning rate must be positive");
        Require(options.Regulariser != Regularisers.RegulariserKind.SpectralRadius || new RecurrentModel(layout, 1).RecurrentMatrix is not null,
            $"cell {layout.Spec.Name} has no square recurrent matrix whose spectral radius could be penalised");
        Require(options.RecordClvOverlap != true || options.Epochs > 0, "the overlap of ∂L/∂h_0 with the first forward Lyapunov vector is recorded at training epochs; with no training epochs there are none");
        Require(options.RegularisationWeight is null || options.RegularisationWeight > 0 && double.IsFinite(options.RegularisationWeight.Value), "the regularisation weight must be positive");
        if (options.Flossing == FlossingSchedule.None)
        {
            return;
        }
        Flosser.FlossedParameters(layout, options.FlossParameters);
        Require(options.FlossK >= 1 && options.FlossK <= layout.StateSize, $"the flossed exponents k = {options.FlossK} must be between 1 and the state size {layout.StateSize}");
        Require(options.FlossEpochs > 0, "the flossing epochs must be positive");
        Require(options.FlossSteps > options.FlossTransient && options.FlossTransient >= 0, $"the flossing horizon T_f = {options.FlossSteps} must exceed its transient {options.FlossTransient}");
        Require(options.FlossLearningRate > 0 && double.IsFinite(options.FlossLearningRate), "the flossing learning rate must be positive");
        Require(options.Flossing != FlossingSchedule.During || (options.FlossAt.Count > 0 && options.FlossAt.All(epoch => epoch >= 0 && epoch < options.Epochs)),
            $"flossing during training needs episodes (--floss-at) at epochs between 0 and {options.Epochs - 1}, not {string.Join(" ", options.FlossAt.Where(epoch => epoch < 0 || epoch >= options.Epochs).DefaultIfEmpty(-1).Select(epoch => epoch < 0 && options.FlossAt.Count == 0 ? "none" : epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    /// <summary>σ1, σ20 and σ40 of ∂L/∂W for the recurrent matrix W (the paper's Fig 10); NaN where W has fewer.</summary>
    private static double[] GradientSingularValues(RecurrentModel model, double[] gradient)
    {
        if (model.RecurrentMatrix is not { } w)
        {
            return [double.NaN, double.NaN, double.NaN];
        }
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(w.Rows, w.Columns, gradient.AsSpan(w.Offset, w.Length).ToArray());
        // The SVD squares and sums entries, so a finite gradient of an exploding network (entries near 1e300) would overflow
        // inside it and never converge: it runs on the matrix scaled to a largest entry of 1, and σ(cA) = c·σ(A).
        var largest = matrix.Enumerate().Max(Math.Abs);
        if (largest == 0)
        {
            return [0, w.Rows >= 20 && w.Columns >= 20 ? 0 : double.NaN, w.Rows >= 40 && w.Columns >= 40 ? 0 : double.NaN];
        }
        var sigma = matrix.Divide(largest).Svd(computeVectors: false).S;
        return [.. new[] { 0, 19, 39 }.Select(i => i < sigma.Count ? largest * sigma[i] : double.NaN)];
    }
}
