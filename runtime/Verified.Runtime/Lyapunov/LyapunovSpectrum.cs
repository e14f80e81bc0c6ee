using Verified.Dense;
using Verified.Random;

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
    /// <param name="theta">The cell's parameters θ (for instance from <see cref="Initialisation.ParameterInitializer.Create"/>).</param>
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
        if (options.Tons < 1 || options.Steps < 1 || options.Transient < 0 || options.QTransient < 0 || options.RecordInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "steps, t_ONS and the record interval must be positive, transients non-negative");
        }
        if ((long)options.Transient + options.QTransient + options.Steps > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"the steps and both transients must add up to at most {int.MaxValue}");
        }
        if (options.InitialState is { } state && state.Length != n || options.InitialBasis is { } basis && basis.Length != n * k)
        {
            throw new ArgumentException($"the initial state has n = {n} elements and the initial basis n·k = {n * k}", nameof(options));
        }
        Footprint(layout, options).Require();
        var rng = Rng.ForStream(options.Seed, "spectrum");
        var totalSteps = options.Transient + options.QTransient + options.Steps;
        // Tangent step t = s − Transient; the Q transient's R factors are not counted.
        var schedule = new OrthonormalisationSchedule(options.QTransient + options.Steps, options.QTransient, options.Tons);
        // Inputs drawn step by step: memory does not grow with the length of the run.
        var inputRng = Rng.ForStream(options.Seed, "input");
        var x = new double[inputSize];
        var h = options.InitialState?.ToArray() ?? Gaussian(rng, n);
        var next = new double[n];
        var q = new double[n * k];
        var dq = new double[n * k];
        var r = new double[k * k];
        var qr = new HouseholderQr<double>(n, k);
        var jacobian = options.TrackLogDet ? new double[n * n] : [];
        qr.Factor(options.InitialBasis ?? Gaussian(rng, n * k), q, r);

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
        for (var s = 0; s < totalSteps; s++)
        {
            InputStream.Fill(options.Input, x, inputRng);
            var t = s - options.Transient;
            var tangentPhase = t >= 0;
            var counted = tangentPhase && schedule.Counts(t);
            if (tangentPhase)
            {
                kernels.Tangent(theta, h, x, q, dq, k);
                if (counted && options.TrackLogDet)
                {
                    kernels.Jacobian(theta, h, x, jacobian);
                    logDetSum += LogDeterminant.LogAbsDet(jacobian, n);
                }
            }
            kernels.Step(theta, h, x, next);
            if (!Checks.Compare.AllFinite<double>(next))
            {
                throw new TrajectoryDivergedException(s + 1, "state");
            }
            (h, next) = (next, h);
            stepDone?.Invoke();
            if (!tangentPhase)
            {
                continue;
            }
            if (!schedule.FactorsAfter(t))
            {
                (q, dq) = (dq, q);
                continue;
            }
            if (!Checks.Compare.AllFinite<double>(dq))
            {
                throw new TrajectoryDivergedException(s + 1, "tangent vectors");
            }
            qr.Factor(dq, q, r);
            if (!counted)
            {
                continue;
            }
            for (var i = 0; i < k; i++)
            {
                var diagonal = r[i * k + i];
                if (diagonal == 0 && !collapsed[i])
                {
                    collapsed[i] = true;
                    warnings.Add($"R_{i + 1}{i + 1} = 0 at step {s + 1}: the exponent of column {i + 1} of Q is −∞");
                }
                sums[i] += Math.Log(diagonal);
            }
            var covered = schedule.CountedThrough(t);
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
            warnings);
    }

    /// <summary>
    /// The buffers <see cref="Compute"/> allocates: the n×k basis, its tangent and the QR's workspace; with
    /// <see cref="SpectrumOptions.TrackLogDet"/> the Jacobian and its LU factors; the running estimate's
    /// points; and the kernels' own (one column, k tangent columns, and their Jacobians when log|det D| is tracked).
    /// The inputs are drawn step by step.
    /// </summary>
    public static Resources.Footprint Footprint(CellLayout layout, SpectrumOptions options)
    {
        int n = layout.StateSize, k = options.K;
        var points = options.Steps / Math.Max(1, options.RecordInterval) + 1L;
        return new Resources.Footprint($"a spectrum of {layout.Spec.Name} at n = {n}",
            new Resources.PlannedBuffer("tangent basis", 3 * Resources.MemoryBudget.Product(n, k), sizeof(double)),
            new Resources.PlannedBuffer("Jacobian and its LU factors", options.TrackLogDet ? 2 * Resources.MemoryBudget.Product(n, n) : 0, sizeof(double)),
            new Resources.PlannedBuffer("running estimate", Resources.MemoryBudget.Product(points, k + 1L), sizeof(double)),
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

    private static double[] Gaussian(Rng rng, int length)
    {
        var values = new double[length];
        rng.FillGaussian(values);
        return values;
    }
}
