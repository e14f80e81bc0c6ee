using Verified.Dense;
using Verified.Randomness;

namespace Verified.Lyapunov;

/// <summary>
/// Benettin's estimate of the first k Lyapunov exponents (the paper's Algorithm 2) for any
/// generated cell: Q̃ = D_s Q_s by <see cref="CellKernels{T}.Tangent"/>, every t_ONS steps
/// Q_{s+1}, R = qr(Q̃) with positive diag R (when <see cref="OrthonormalisationSchedule"/> says), and
/// λ_i = Σ log R_ii / (steps·Δt), reported descending with the QR column of each (<see cref="ExponentOrder"/>).
/// </summary>
public static class LyapunovSpectrum
{
    /// <summary>The first <see cref="SpectrumOptions.K"/> exponents of the cell at parameters <paramref name="theta"/>.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ (for instance from <see cref="Initialisation.ParameterInitialiser.Create"/>).</param>
    /// <param name="options">k, the steps, the transients, t_ONS, the input and the seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is not in 1…n, or a count is out of range.</exception>
    /// <exception cref="TrajectoryDivergedException">The state or the tangent vectors stopped being finite; the message names the step.</exception>
    /// <param name="stepDone">Called after every step, transients included (for progress).</param>
    public static SpectrumResult Compute(CellLayout layout, ReadOnlySpan<double> theta, SpectrumOptions options, Action? stepDone = null)
    {
        var kernels = layout.Spec.CreateKernels<double>(layout);
        int n = layout.StateSize, k = options.K, inputSize = layout.InputSize;
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"k must be between 1 and the state size {n}, not {k}");
        }
        if (options.OrthonormaliseEvery < 1 || options.Steps < 1 || options.Transient < 0 || options.QTransient < 0 || options.RecordInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "steps, t_ONS and the record interval must be positive, transients non-negative");
        }
        if ((long)options.Transient + options.QTransient + options.Steps > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"the steps and both transients must add up to at most {int.MaxValue}");
        }
        if (options.Window is { } window && (window < 1 || window > options.Steps || window % options.OrthonormaliseEvery != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"a window must be a multiple of t_ONS = {options.OrthonormaliseEvery} between 1 and the steps {options.Steps}, not {window}");
        }
        if (options.InitialState is { } state && state.Length != n || options.InitialBasis is { } basis && basis.Length != n * k)
        {
            throw new ArgumentException($"the initial state has n = {n} elements and the initial basis n·k = {n * k}", nameof(options));
        }
        Footprint(layout, options).Require();
        var rng = Rng.ForStream(options.Seed, "spectrum");
        var totalSteps = options.Transient + options.QTransient + options.Steps;
        // Tangent step t = s − Transient; the Q transient's R factors are not counted.
        var schedule = new OrthonormalisationSchedule(options.QTransient + options.Steps, options.QTransient, options.OrthonormaliseEvery);
        // Inputs drawn step by step: memory does not grow with the length of the run.
        var inputRng = Rng.ForStream(options.Seed, "input");
        var x = new double[inputSize];
        var h = options.InitialState?.ToArray() ?? rng.Gaussians(n);
        var next = new double[n];
        var q = new double[n * k];
        var nextQ = new double[n * k];
        var r = new double[k * k];
        var stepper = new TangentStepper<double>(kernels, k, schedule, stepsBefore: options.Transient);
        var jacobian = options.TrackLogDet ? new double[n * n] : [];
        stepper.Orthonormalise(options.InitialBasis ?? rng.Gaussians(n * k), q, r);

        var sums = new double[k];
        // The running estimate every RecordInterval steps: at most Steps / RecordInterval + 1 points, whatever the length of the run.
        var recordEvery = options.RecordInterval;
        var nextRecord = recordEvery;
        var running = new List<double[]>();
        var runningSteps = new List<int>();
        var warnings = new List<string>();
        // Whether column i has been warned about (a flag, not a search of the warnings: no allocation per step).
        var collapsed = new bool[k];
        double logDetSum = 0;
        // Finite-time exponents: Σ log R_ii over each window of counted steps, from the sums at its start.
        var windows = new List<double[]>();
        var windowStart = new double[k];
        for (var s = 0; s < totalSteps; s++)
        {
            InputStream.Fill(options.Input, x, inputRng);
            var t = s - options.Transient;
            if (t < 0)
            {
                // The state's transient: no tangent vectors yet.
                kernels.Step(theta, h, x, next);
                if (!Finite.All<double>(next))
                {
                    throw new TrajectoryDivergedException(s + 1, "state");
                }
                (h, next) = (next, h);
                stepDone?.Invoke();
                continue;
            }
            var counted = schedule.Counts(t);
            if (counted && options.TrackLogDet)
            {
                kernels.Jacobian(theta, h, x, jacobian);
                logDetSum += LogDeterminant.LogAbsDet(jacobian, n);
            }
            var factored = stepper.Advance(theta, h, x, q, next, nextQ, r, t);
            (h, next) = (next, h);
            (q, nextQ) = (nextQ, q);
            stepDone?.Invoke();
            if (!factored || !counted)
            {
                continue;
            }
            for (var i = 0; i < k; i++)
            {
                if (r[i * k + i] == 0 && !collapsed[i])
                {
                    collapsed[i] = true;
                    warnings.Add($"R_{i + 1}{i + 1} = 0 at step {s + 1}: the exponent of column {i + 1} of Q is −∞");
                }
            }
            stepper.AddLogDiagonal(r, sums);
            var covered = schedule.CountedThrough(t);
            if (options.Window is { } windowSteps && covered % windowSteps == 0)
            {
                windows.Add(WindowExponents(sums, windowStart, windowSteps));
                sums.CopyTo(windowStart, 0);
            }
            if (covered >= nextRecord || s == totalSteps - 1)
            {
                running.Add(Averages(sums, covered));
                runningSteps.Add(covered);
                nextRecord = (covered / recordEvery + 1) * recordEvery;
            }
        }
        var unit = ExponentUnit.Of(layout, theta);
        var accumulated = schedule.CountedSteps;
        var order = ExponentOrder.Descending(sums);
        var sortedSums = ExponentOrder.Apply(sums, order);
        var exponents = sortedSums.Select(sum => sum / (accumulated * unit.StepDuration)).ToArray();
        var timeScaledRunning = running.Select(row => ExponentOrder.Apply(row, order).Select(value => value / unit.StepDuration).ToArray()).ToArray();
        return new SpectrumResult(
            exponents,
            order,
            timeScaledRunning,
            runningSteps.ToArray(),
            exponents.Sum(),
            options.TrackLogDet ? logDetSum / (accumulated * unit.StepDuration) : null,
            sortedSums,
            accumulated,
            unit,
            warnings)
        {
            Windows = options.Window is { } length ? FiniteTimeWindows.Of(length, [.. windows.Select(row => row.Select(sum => sum / unit.StepDuration).ToArray())], order) : null,
        };
    }

    /// <summary>(sums − start) / W: the per-step exponents of one window, in QR order.</summary>
    private static double[] WindowExponents(double[] sums, double[] start, int window)
    {
        var exponents = new double[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            exponents[i] = (sums[i] - start[i]) / window;
        }
        return exponents;
    }

    /// <summary>
    /// The buffers <see cref="Compute"/> allocates: the n×k basis, its tangent and the QR's workspace; with
    /// <see cref="SpectrumOptions.TrackLogDet"/> the Jacobian and its LU factors; the running estimate's
    /// points; with <see cref="SpectrumOptions.Window"/> the finite-time exponents of every window; and the kernels' own
    /// (one column, k tangent columns, and their Jacobians when log|det D| is tracked). The inputs are drawn step by step.
    /// </summary>
    public static MemoryLimits.Footprint Footprint(CellLayout layout, SpectrumOptions options)
    {
        int n = layout.StateSize, k = options.K;
        var points = options.Steps / Math.Max(1, options.RecordInterval) + 1L;
        return new MemoryLimits.Footprint($"a spectrum of {layout.Spec.Name} at n = {n}",
            new MemoryLimits.PlannedBuffer("tangent basis", 3 * MemoryLimits.MemoryBudget.Product(n, k), sizeof(double)),
            new MemoryLimits.PlannedBuffer("Jacobian and its LU factors", options.TrackLogDet ? 2 * MemoryLimits.MemoryBudget.Product(n, n) : 0, sizeof(double)),
            new MemoryLimits.PlannedBuffer("running estimate", MemoryLimits.MemoryBudget.Product(points, k + 1L), sizeof(double)),
            new MemoryLimits.PlannedBuffer("finite-time exponents of the windows", options.Window is { } window ? MemoryLimits.MemoryBudget.Product(options.Steps / Math.Max(1, window), k) : 0, sizeof(double)),
            layout.Spec.CreateKernels<double>(layout).Scratch(1, k, options.TrackLogDet));
    }

    /// <summary>Each sum over <paramref name="steps"/>: a record of the running estimate (a loop, not a lambda, whose closure would be allocated every step).</summary>
    private static double[] Averages(double[] sums, int steps)
    {
        var averages = new double[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            averages[i] = sums[i] / steps;
        }
        return averages;
    }
}
