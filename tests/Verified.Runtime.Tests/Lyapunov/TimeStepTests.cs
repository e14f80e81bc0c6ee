using Verified.Checks;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Runtime.Tests.Cells;
using Verified.Training;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>
/// One unit rule: exponents per unit time for a cell with a time step (a [TimeStep] parameter or
/// constant), per step otherwise, in the spectrum and in flossing alike; Δt is flossed or trained
/// only when asked.
/// </summary>
public sealed class TimeStepTests
{
    private static readonly CellSpec Rate = BuiltInCells.Find("rate")!;

    [Fact]
    public void A_constant_time_step_is_the_cells_time_step()
    {
        var layout = Lorenz.Spec.Layout(CellDimensions.Of(1));
        double[] theta = [10, 28, 8.0 / 3];

        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions { K = 3, Steps = 200, Transient = 500, QTransient = 50, InitialState = [1, 1, 20] });

        Assert.Equal(Lorenz.Dt, Lorenz.Spec.TimeStep?.Constant);
        Assert.Null(layout.TimeStepParameter);
        Assert.Equal(new ExponentUnit(Lorenz.Dt), spectrum.Unit);
        Assert.Equal("per unit time", spectrum.Unit.Name);
        Assert.Equal(spectrum.LogRSums.Select(sum => sum / (200 * Lorenz.Dt)), spectrum.Exponents);
    }

    [Fact]
    public void A_cell_without_a_time_step_has_exponents_per_step()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(6));
        var theta = ParameterInitialiser.Create(layout, 1.5, new Rng(2));

        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions { K = 2, Steps = 100 });

        Assert.Equal("per step", spectrum.Unit.Name);
        Assert.Null(spectrum.Unit.TimeStep);
        Assert.Equal(spectrum.LogRSums.Select(sum => sum / 100), spectrum.Exponents);
    }

    [Fact]
    public void Spectrum_and_flossing_of_the_rate_cell_give_the_same_exponents_per_unit_time()
    {
        const int K = 3, Counted = 40, Transient = 5;
        var layout = Rate.Layout(CellDimensions.Of(8, 2));
        var rng = new Rng(3);
        var theta = ParameterInitialiser.Create(layout, 1.5, rng);
        var (h0, q0, _) = FlossingStart.Random(layout, K, 1, rng);
        var problem = new FlossingProblem<double>(layout, new FlossingHorizon(K, Transient + Counted, Transient, 1, Target: 0));

        var flossed = problem.Exponents(theta, h0, q0, new double[(Transient + Counted) * layout.InputSize]);
        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = K, Steps = Counted, Transient = 0, QTransient = Transient, InitialState = h0, InitialBasis = q0, Input = InputKind.None,
        });

        var dt = theta[layout.Parameter("dt").Offset];
        Assert.Equal(new ExponentUnit(dt), problem.Unit(theta));
        Assert.Equal(new ExponentUnit(dt), spectrum.Unit);
        var flossedDescending = ExponentOrder.Apply(flossed, ExponentOrder.Descending(flossed));
        Assert.True(Compare.RelativeError(flossedDescending, spectrum.Exponents) <= 1e-12,
            $"flossing {string.Join(", ", flossedDescending)}, spectrum {string.Join(", ", spectrum.Exponents)}");
    }

    [Fact]
    public void The_flossing_target_is_in_the_unit_of_the_exponents()
    {
        var layout = Rate.Layout(CellDimensions.Of(6, 2));
        var rng = new Rng(8);
        var theta = ParameterInitialiser.Create(layout, 1.5, rng);
        var (h0, q0, inputs) = FlossingStart.Random(layout, 2, 40, rng);
        var problem = new FlossingProblem<double>(layout, new FlossingHorizon(2, 40, 10, 1, Target: -0.5));

        var (loss, exponents) = problem.LossAndGradient(theta, h0, q0, inputs, new double[theta.Length]);

        Assert.Equal(exponents.Sum(lambda => (lambda + 0.5) * (lambda + 0.5)), loss, 12);
    }

    [Fact]
    public void The_time_step_is_flossed_only_when_named()
    {
        var layout = Rate.Layout(CellDimensions.Of(6, 2));
        var initial = ParameterInitialiser.Create(layout, 1.5, new Rng(5));
        var dt = layout.Parameter("dt").Offset;
        var options = new FlossOptions { K = 2, Epochs = 3, Steps = 40, Transient = 10, LearningRate = 1e-2, Target = -1, Seed = 5 };
        var byDefault = initial.ToArray();
        var named = initial.ToArray();

        Flosser.Run<double>(layout, byDefault, options);
        Flosser.Run<double>(layout, named, options with { Parameters = ["W", "dt"] });

        Assert.Equal(initial[dt], byDefault[dt]);
        Assert.NotEqual(initial, byDefault);
        Assert.NotEqual(initial[dt], named[dt]);
    }

    [Fact]
    public void Training_leaves_the_time_step_as_it_was()
    {
        var options = new TrainOptions { Task = "copy", Delay = 3, Steps = 30, Batch = 4, Epochs = 5, TestBatch = 8, EvalEvery = 1, LearningRate = 1e-2, Clip = null };
        var layout = Rate.Layout(CellDimensions.Of(6, 1));
        var initial = ParameterInitialiser.Create(layout, options.Gain, Rng.ForStream(options.Seed, "init"));

        var result = Trainer.Run(Rate, 6, options);

        var dt = layout.Parameter("dt").Offset;
        Assert.Equal(0.1, result.Theta[dt]);
        Assert.NotEqual(initial.AsSpan(0, dt).ToArray(), result.Theta.AsSpan(0, dt).ToArray());
    }
}
