using Verified.Dense;
using Verified.Lyapunov;
using Verified.Precision.Matrices;
using Verified.Precision.Numbers;
using Verified.Randomness;

namespace Verified.Precision.Condition;

/// <summary>
/// The condition number of the long-term Jacobian against its Lyapunov estimate (the paper's Eq 10):
/// the trajectory, D_s and exponents come from the double path; T_t Q = D_{t−1} ⋯ D_τ Q is formed
/// at 256 (or 512) bits and κ2 = σ1/σm found by one-sided Jacobi. Eq 10 uses the asymptotic
/// exponents, descending, κ2 ≈ exp((λ1 − λm)(t − τ)) with t − τ in steps (λ per step: λ·Δt for a
/// cell with a time step); the same run's finite-time sums S_i = Σ log R_ii bound it from below,
/// κ2 ≥ exp(max_{i≤m} S_i − min_{i≤m} S_i), since T_t Q_m = Q' R with diag R = exp(S_i) and a
/// triangular R has σ1 ≥ max R_ii and σm ≤ min R_ii (whatever the QR order of the S_i). Where
/// log2 κ2 + 60 exceeds the working precision, the point is not resolved and no number is claimed
/// (docs/design.md's rule). At every horizon the singular values of the widest product also give the
/// paper's Eq 3 directly: (1/t) log σ_i(T_t Q) → λ_i (<see cref="FiniteTimeSpectrum"/>).
/// </summary>
public static class ConditionRun
{
    /// <summary>Bits of margin the rule of thumb keeps: κ is resolved while log2 κ + 60 ≤ bits.</summary>
    public const int Margin = 60;

    /// <summary>
    /// What <see cref="Run{T}"/> holds besides its spectrum run (which checks its own): the one-step Jacobian; the
    /// long-term product T_t Q (n×m) and its SVD's copy at the working precision (about 2·bits/8 bytes a number with its
    /// exponent and sign); the inputs of the trajectory's <paramref name="steps"/> steps; the kernels' own buffers with
    /// their Jacobians; and the points, one for each of the <paramref name="ms"/> values of m at each of the
    /// <paramref name="horizons"/> horizons, for each of <paramref name="runs"/> runs whose points a caller keeps together.
    /// </summary>
    public static MemoryLimits.Footprint Footprint(CellLayout layout, int m, int bits, long steps, long horizons, int ms, int runs = 1) =>
        new($"κ2 of {layout.Spec.Name} at n = {layout.StateSize}, m = {m}, {bits} bits",
            new MemoryLimits.PlannedBuffer("one-step Jacobian", MemoryLimits.MemoryBudget.Product(layout.StateSize, layout.StateSize), sizeof(double)),
            new MemoryLimits.PlannedBuffer("long-term product and its SVD", 3 * MemoryLimits.MemoryBudget.Product(layout.StateSize, m), 2 * bits / 8 + 16),
            new MemoryLimits.PlannedBuffer("inputs of the trajectory", MemoryLimits.MemoryBudget.Product(layout.InputSize, steps), sizeof(double)),
            layout.Spec.CreateKernels<double>(layout).Scratch(1, m, jacobian: true),
            new MemoryLimits.PlannedBuffer("points (κ2 and its bounds per horizon and m)", MemoryLimits.MemoryBudget.Product(runs, horizons, ms), ConditionPointBytes));

    /// <summary>
    /// One point of a κ2 run as it is held: a ConditionPoint object (a 16-byte header, two ints, two bools, three
    /// doubles of which one nullable: 64 bytes on a 64-bit runtime) and its slot in a list that grows by doubling (up to 16).
    /// </summary>
    private const int ConditionPointBytes = 80;

    /// <summary>The points of <see cref="Run"/>: κ2 for every m and horizon, horizons ascending, then m ascending.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ.</param>
    /// <param name="options">m, the horizons, the precision, transients, input and seed.</param>
    /// <param name="flossed">A label copied into every point.</param>
    /// <param name="stepDone">Called after each of the horizon's steps at the working precision (for progress).</param>
    /// <exception cref="ArgumentOutOfRangeException">The bits are not 256 or 512, an m is outside 1…n, or a horizon is not positive.</exception>
    public static IReadOnlyList<ConditionPoint> Measure(CellLayout layout, ReadOnlySpan<double> theta, ConditionOptions options, bool flossed, Action? stepDone = null) =>
        Run(layout, theta, options, flossed, stepDone).Points;

    /// <summary>κ2 at every (m, horizon) point at <see cref="ConditionOptions.Bits"/> (256 or 512), and the spectrum whose exponents Eq 10 uses.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ.</param>
    /// <param name="options">m, the horizons, the precision, transients, input and seed.</param>
    /// <param name="flossed">A label copied into every point.</param>
    /// <param name="stepDone">Called after each of the horizon's steps at the working precision (for progress).</param>
    public static ConditionResult Run(CellLayout layout, ReadOnlySpan<double> theta, ConditionOptions options, bool flossed, Action? stepDone = null) =>
        options.Bits switch
        {
            256 => Run<BinaryFloat<Bits256>>(layout, theta, options, flossed, stepDone),
            512 => Run<BinaryFloat<Bits512>>(layout, theta, options, flossed, stepDone),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Bits, "the precision path runs at 256 or 512 bits"),
        };

    /// <summary>As <see cref="Run(CellLayout, ReadOnlySpan{double}, ConditionOptions, bool, Action?)"/>, in the precision number type <typeparamref name="T"/> (for instance <see cref="DecimalNumber"/> as a cross-check).</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ.</param>
    /// <param name="options">m, the horizons, transients, input and seed (<see cref="ConditionOptions.Bits"/> is not read).</param>
    /// <param name="flossed">A label copied into every point.</param>
    /// <param name="stepDone">Called after each of the horizon's steps (for progress).</param>
    public static ConditionResult Run<T>(CellLayout layout, ReadOnlySpan<double> theta, ConditionOptions options, bool flossed, Action? stepDone = null)
        where T : struct, IPrecisionNumber<T>
    {
        var n = layout.StateSize;
        var columns = options.M.Max();
        if (options.M.Any(m => m < 1 || m > n) || options.Horizons.Any(h => h < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"m must be between 1 and the state size {n}, horizons positive");
        }
        var horizon = options.Horizons.Max();
        Footprint(layout, columns, T.PrecisionBits, options.Transient + (long)horizon, options.Horizons.Count, options.M.Count).Require();
        var kernels = layout.Spec.CreateKernels<double>(layout);

        // Asymptotic exponents for Eq 10 from a long double run, descending.
        // (Per step, so that Eq 10's t − τ counts steps also for a cell with a time step.)
        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = columns, Steps = options.SpectrumSteps, Transient = options.Transient, QTransient = options.Transient,
            Input = options.Input, Seed = options.Seed, TrackLogDet = false, InitialState = options.InitialState,
        });
        var lambda = spectrum.Exponents.Select(exponent => exponent * spectrum.Unit.StepDuration).ToArray();

        // The trajectory from τ on: relax the state and, along with it, an orthonormal Q (n×M) by
        // re-orthonormalised tangent steps, so that at τ Q spans the leading Lyapunov directions.
        var rng = Rng.ForStream(options.Seed, "condition");
        var inputs = InputStream.Create(options.Input, layout.InputSize, options.Transient + horizon, Rng.ForStream(options.Seed, "condition-input"));
        var h = new double[n];
        rng.FillGaussian(h);
        options.InitialState?.CopyTo(h, 0);
        var next = new double[n];
        var q = new double[n * columns];
        var tangent = new double[n * columns];
        rng.FillGaussian(tangent);
        var r = new double[columns * columns];
        var qr = new HouseholderQr<double>(n, columns);
        qr.Factor(tangent, q, r);
        for (var s = 0; s < options.Transient; s++)
        {
            var x = inputs.AsSpan(s * layout.InputSize, layout.InputSize);
            kernels.Tangent(theta, h, x, q, tangent, columns);
            qr.Factor(tangent, q, r);
            kernels.Step(theta, h, x, next);
            (h, next) = (next, h);
        }

        var product = new LongTermProduct<T>(q, n, columns);
        var jacobian = new double[n * n];
        var sums = new double[columns];
        var points = new List<ConditionPoint>();
        var finiteTime = new List<FiniteTimeSpectrum>();
        for (var s = 0; s < horizon; s++)
        {
            var x = inputs.AsSpan((options.Transient + s) * layout.InputSize, layout.InputSize);
            kernels.Jacobian(theta, h, x, jacobian);
            product.Advance(jacobian);
            // The same steps in double with re-orthonormalisation: the finite-time sums S_i.
            Gemm.Multiply<double>(jacobian, q, tangent, n, n, columns, accumulate: false);
            qr.Factor(tangent, q, r);
            for (var i = 0; i < columns; i++)
            {
                sums[i] += Math.Log(r[i * columns + i]);
            }
            kernels.Step(theta, h, x, next);
            (h, next) = (next, h);
            stepDone?.Invoke();
            var t = s + 1;
            if (!options.Horizons.Contains(t))
            {
                continue;
            }
            foreach (var m in options.M.Distinct().Order())
            {
                var sigma = JacobiSvd.SingularValues(product.Current.LeadingColumns(m));
                var log2Kappa = sigma[0].Log2Abs() - sigma[m - 1].Log2Abs();
                var resolved = double.IsFinite(log2Kappa) && log2Kappa + Margin <= T.PrecisionBits;
                points.Add(new ConditionPoint(
                    m, t, flossed,
                    resolved ? log2Kappa * Math.Log10(2) : null,
                    (lambda[0] - lambda[m - 1]) * t / Math.Log(10),
                    (sums.Take(m).Max() - sums.Take(m).Min()) / Math.Log(10),
                    resolved));
                if (m == columns)
                {
                    finiteTime.Add(FiniteTimeSpectrum.Of(t, sigma, T.PrecisionBits));
                }
            }
        }
        return new ConditionResult(spectrum, points, finiteTime);
    }
}
