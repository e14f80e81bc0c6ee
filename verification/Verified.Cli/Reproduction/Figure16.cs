using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Storage;

namespace Verified.Cli.Reproduction;

/// <summary>The running estimate of some exponents of one spectrum, and the whole spectrum at the end.</summary>
/// <param name="Indices">The exponents followed (1-based).</param>
/// <param name="Steps">The accumulated steps of each row of <paramref name="Running"/>.</param>
/// <param name="Running">λ_i at those steps, one column per index of <paramref name="Indices"/>.</param>
/// <param name="Exponents">The whole spectrum after every step.</param>
public sealed record RunningExponents(int[] Indices, int[] Steps, double[][] Running, double[] Exponents);

/// <summary>
/// Fig 16 (appendix K): the exponents of one vanilla-tanh network (N = 80, g = 1, input x ~ N(0, 1)
/// as σ = 1, t_ONS = 1) from 10 initial states h_0 with the same input stream and Q_0, followed for
/// λ1, λ20, λ60 and λ80 from the first step on (no transient, as the figure starts at t = 0). The
/// caption runs 100 steps; the paper scale runs 10⁴ to see them converge. Claim CK.1: the spread
/// over the initial states shrinks with time and is small at the end.
/// </summary>
public sealed class Figure16 : Figure
{
    private static readonly int[] Followed = [1, 20, 60, 80];
    private const int States = 10;

    /// <summary>The spread over the initial states below which the exponents count as independent of them.</summary>
    public const double Converged = 0.02;

    public override string Name => "fig16";
    public override string Title => "the exponents converge with time, whatever the initial state (appendix K)";

    private static (int N, int Steps) Of(Scale scale) => scale == Scale.Paper ? (80, 10_000) : (20, 2_000);

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        var (n, steps) = Of(scale);
        return [.. Enumerable.Range(1, States).Select(state => Run(scale, $"initial-state-{state}", steps,
            new InitialStateProtocol("vanilla-tanh", BuiltInCells.Find("vanilla-tanh")!.SourceHash, n, 1.0, 16, InputKind.Gaussian, steps, state, Math.Max(1, steps / 2000)),
            tick => Compute(n, steps, state, tick)))];
    }

    private static RunningExponents Compute(int n, int steps, int state, Action tick)
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n));
        var theta = ParameterInitialiser.Create(layout, 1.0, new Rng(16));
        var h0 = new double[n];
        Rng.ForStream((ulong)state, "fig16-initial-state").FillGaussian(h0);
        var result = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = n, Steps = steps, Transient = 0, QTransient = 0, Input = InputKind.Gaussian, Seed = 16, InitialState = h0, TrackLogDet = false, RecordEvery = Math.Max(1, steps / 2000),
        }, tick);
        var indices = Followed.Where(i => i <= n).ToArray();
        return new RunningExponents(indices, result.RunningSteps, [.. result.Running.Select(row => indices.Select(i => row[i - 1]).ToArray())], result.Exponents);
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var (n, steps) = Of(scale);
        var runs = Enumerable.Range(1, States).Select(state => results.Get<RunningExponents>($"initial-state-{state}")).ToList();
        var chart = new Chart($"Fig 16: running λ_i of one vanilla-tanh network (N = {n}, g = 1, x ~ N(0, 1)) from {States} initial states", "accumulated steps", "running λ_i (per step)", logX: true);
        var csv = new CsvTable("initialState", "index", "steps", "lambda");
        foreach (var (index, column) in runs[0].Indices.Select((index, column) => (index, column)))
        {
            foreach (var (run, state) in runs.Select((run, state) => (run, state + 1)))
            {
                chart.Line(state == 1 ? $"λ_{{{index}}}" : null, [.. run.Steps.Select(step => (double)step)], [.. run.Running.Select(row => row[column])], Chart.Colour(column));
                foreach (var (step, row) in run.Steps.Zip(run.Running))
                {
                    csv.Row(state, index, step, row[column]);
                }
            }
        }
        chart.Save(Path.Combine(folder, "fig16.png"));
        csv.Save(Path.Combine(folder, "fig16.csv"));

        var spreads = Spreads(runs, steps);
        var verdicts = scale == Scale.Paper ? new[] { Verdict(spreads, steps) } : [];
        if (verdicts.Length > 0)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, "claims.md"), FlossingClaims.Markdown("Fig 16: the paper's sentences on our runs (paper scale)", verdicts) + UnitOrigins.Markdown(results.Origins));
        }
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "fig16.json")), new Figure16File(FigureFile.NameOf(scale), results.Origins, n, steps, verdicts,
            spreads, [.. runs.Select(run => run.Exponents)]));
    }

    /// <summary>The spread (max − min) over the initial states of each followed exponent at t = 100 (the caption's t_sim) and at the end.</summary>
    public static IReadOnlyList<StateSpread> Spreads(IReadOnlyList<RunningExponents> runs, int steps)
    {
        double Spread(int column, int at) => runs.Select(run => run.Running[Array.FindIndex(run.Steps, step => step >= at)][column]).ToList() is var values ? values.Max() - values.Min() : double.NaN;
        return [.. runs[0].Indices.Select((index, column) => new StateSpread(index, Spread(column, 100), Spread(column, steps)))];
    }

    /// <summary>CK.1: every followed exponent's spread shrinks from t = 100 to the end and is at most <see cref="Converged"/> there.</summary>
    public static ClaimVerdict Verdict(IReadOnlyList<StateSpread> spreads, int steps) =>
        new("CK.1", "The exponents converge with time and do not depend on the initial condition (appendix K, Fig 16).",
            $"for λ1, λ20, λ60, λ80 from 10 initial states: the spread over the states shrinks from step 100 to step {steps} and is at most {Converged} there",
            string.Join("; ", spreads.Select(spread => string.Create(CultureInfo.InvariantCulture, $"λ{spread.Index}: {spread.AtStep100:0.000} at 100, {spread.AtEnd:0.0000} at {steps}"))),
            spreads.All(spread => spread.AtEnd <= Converged && spread.AtEnd < spread.AtStep100) ? "holds" : "does not hold");
}

/// <summary>What produces one initial state of Fig 16: the cell, N, the gain and seed of θ, the input, the steps, the state's number and the steps between records.</summary>
public sealed record InitialStateProtocol(string Cell, string CellSource, int N, double Gain, int ThetaSeed, InputKind Input, int Steps, int State, int RecordEvery);
