using System.Globalization;
using Verified;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Precision.Condition;
using Verified.Randomness;
using Verified.Samples;
using Verified.Training;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string Join(IEnumerable<double> values) => string.Join(", ", values.Select(value => value.ToString("F4")));

// 1. The cell at N = 16 with one input, and its parameters θ drawn at gain g = 2.
var layout = LeakyTanh.Spec.Layout(CellDimensions.Of(16, 1));
var theta = ParameterInitialiser.Create(layout, gain: 2.0, new Rng(1));

// 2. The first 4 Lyapunov exponents (Benettin's algorithm, the paper's Algorithm 2).
var spectrumOptions = new SpectrumOptions { K = 4, Steps = 2000, Transient = 200, QTransient = 200, Input = InputKind.Gaussian };
var before = LyapunovSpectrum.Compute(layout, theta, spectrumOptions);
Console.WriteLine($"spectrum before flossing: {Join(before.Exponents)}");

// 3. Gradient flossing: drive λ1 and λ2 towards 0 (θ is updated in place).
var history = Flosser.Run<double>(layout, theta, new FlossOptions
{
    K = 2, Epochs = 150, Steps = 200, Transient = 50, Target = 0, LearningRate = 3e-3, Input = InputKind.Gaussian,
});
Console.WriteLine($"flossing loss: {history[0].Loss:G3} -> {history[^1].Loss:G3} in {history.Count} epochs");
var after = LyapunovSpectrum.Compute(layout, theta, spectrumOptions);
Console.WriteLine($"spectrum after flossing: {Join(after.Exponents)}");

// 4. Training on the delayed copy task, with flossing before training (Trainer draws its own θ).
var trained = Trainer.Run(LeakyTanh.Spec, n: 16, new TrainOptions
{
    Task = "copy", Delay = 3, Steps = 30, Batch = 16, Epochs = 300, LearningRate = 1e-2, EvalEvery = 50,
    Flossing = FlossingSchedule.Pre, FlossK = 2, FlossEpochs = 50, FlossSteps = 30, FlossTransient = 5,
});
Console.WriteLine($"training: test loss {trained.History[0].TestLoss:G3} -> {trained.Final.TestLoss:G3}, λ1 after training {trained.Lambda1After:F4}");

// 5. κ2 of the long-term Jacobian T_t Q at 256 bits beside Eq 10 and the finite-time bound.
var points = ConditionRun.Measure(layout, theta, new ConditionOptions
{
    M = [2, 4], Horizons = [10, 40], Transient = 100, SpectrumSteps = 2000, Input = InputKind.Gaussian,
}, flossed: true);
foreach (var point in points)
{
    Console.WriteLine($"condition m={point.M} t={point.Horizon}: log10 κ2 = {point.Log10KappaNumeric:F3}, " +
        $"Eq 10 {point.Log10KappaEq10:F3}, finite-time bound {point.Log10KappaFiniteTime:F3}");
}
