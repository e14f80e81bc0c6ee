using Verified.Dense;
using Verified.Random;

namespace Verified.Lyapunov;

/// <summary>
/// Benettin's estimate of the first k Lyapunov exponents (the paper's Algorithm 2) for any
/// generated cell: Q̃ = D_s Q_s by <see cref="CellKernels{T}.Tangent"/>, every t_ONS steps
/// Q_{s+1}, R = qr(Q̃) with positive diag R, and λ_i = Σ log R_ii / (steps·Δt).
/// </summary>
public static class LyapunovSpectrum
{
    /// <summary>The first <see cref="SpectrumOptions.K"/> exponents of the cell at parameters <paramref name="theta"/>.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ (for instance from <see cref="Initialisation.ParameterInitializer.Create"/>).</param>
    /// <param name="options">k, the steps, the transients, t_ONS, the input and the seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is not in 1…n, or a count is out of range.</exception>
    /// <exception cref="TrajectoryDivergedException">The state or the tangent vectors stopped being finite; the message names the step.</exception>
    public static SpectrumResult Compute(CellLayout layout, ReadOnlySpan<double> theta, SpectrumOptions options)
    {
        var kernels = layout.Spec.CreateKernels<double>(layout);
        int n = layout.StateSize, k = options.K, inputSize = layout.InputSize;
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"k must be between 1 and the state size {n}, not {k}");
        }
        if (options.Tons < 1 || options.Steps < 1 || options.Transient < 0 || options.QTransient < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "steps and t_ONS must be positive, transients non-negative");
        }
        var rng = Rng.ForStream(options.Seed, "spectrum");
        var totalSteps = options.Transient + options.QTransient + options.Steps;
        var inputs = InputStream.Create(options.Input, inputSize, totalSteps, Rng.ForStream(options.Seed, "input"));
        var h = options.InitialState?.ToArray() ?? Gaussian(rng, n);
        var next = new double[n];
        var q = new double[n * k];
        var dq = new double[n * k];
        var r = new double[k * k];
        var qr = new HouseholderQr<double>(n, k);
        var jacobian = options.TrackLogDet ? new double[n * n] : [];
        qr.Factor(Gaussian(rng, n * k), q, r);

        var sums = new double[k];
        var running = new List<double[]>();
        var runningSteps = new List<int>();
        var warnings = new List<string>();
        double logDetSum = 0;
        var accumulated = 0;
        for (var s = 0; s < totalSteps; s++)
        {
            var x = inputs.AsSpan(s * inputSize, inputSize);
            var tangentPhase = s >= options.Transient;
            var accumulating = s >= options.Transient + options.QTransient;
            if (tangentPhase)
            {
                kernels.Tangent(theta, h, x, q, dq, k);
                if (accumulating && options.TrackLogDet)
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
            if (!tangentPhase)
            {
                continue;
            }
            if (accumulating)
            {
                accumulated++;
            }
            var orthonormalise = (s - options.Transient + 1) % options.Tons == 0 || s == totalSteps - 1;
            if (!orthonormalise)
            {
                (q, dq) = (dq, q);
                continue;
            }
            if (!Checks.Compare.AllFinite<double>(dq))
            {
                throw new TrajectoryDivergedException(s + 1, "tangent vectors");
            }
            qr.Factor(dq, q, r);
            if (!accumulating)
            {
                continue;
            }
            for (var i = 0; i < k; i++)
            {
                var diagonal = r[i * k + i];
                if (diagonal == 0 && !warnings.Any(w => w.Contains($"exponent {i + 1} ")))
                {
                    warnings.Add($"R_{i + 1}{i + 1} = 0 at step {s + 1}: exponent {i + 1} is −∞");
                }
                sums[i] += Math.Log(diagonal);
            }
            running.Add(sums.Select(sum => sum / accumulated).ToArray());
            runningSteps.Add(accumulated);
        }
        var timeUnit = layout.Spec.TimeStepParameter >= 0 ? theta[layout.Parameters[layout.Spec.TimeStepParameter].Offset] : 1.0;
        var exponents = sums.Select(sum => sum / (accumulated * timeUnit)).ToArray();
        var timeScaledRunning = running.Select(row => row.Select(value => value / timeUnit).ToArray()).ToArray();
        return new SpectrumResult(
            exponents,
            timeScaledRunning,
            runningSteps.ToArray(),
            exponents.Sum(),
            options.TrackLogDet ? logDetSum / (accumulated * timeUnit) : null,
            sums,
            accumulated,
            timeUnit,
            warnings);
    }

    private static double[] Gaussian(Rng rng, int length)
    {
        var values = new double[length];
        rng.FillGaussian(values);
        return values;
    }
}
