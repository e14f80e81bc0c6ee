using Verified.Dense;
using Verified.Lyapunov;
using Verified.Precision.Matrices;
using Verified.Precision.Numbers;
using Verified.Random;

namespace Verified.Precision.Condition;

/// <summary>
/// The condition number of the long-term Jacobian against its Lyapunov estimate (the paper's Eq 10):
/// the trajectory, D_s and exponents come from the double path; T_t Q = D_{t−1} ⋯ D_τ Q is formed
/// at 256 (or 512) bits and κ2 = σ1/σm found by one-sided Jacobi. Eq 10 uses the asymptotic
/// exponents, κ2 ≈ exp((λ1 − λm)(t − τ)); the same run's finite-time sums S_i = Σ log R_ii bound it
/// from below, κ2 ≥ exp(S_1 − S_m). Where log2 κ2 + 60 exceeds the working precision, the point is
/// not resolved and no number is claimed (DESIGN.md's rule).
/// </summary>
public static class ConditionRun
{
    /// <summary>Bits of margin the rule of thumb keeps: κ is resolved while log2 κ + 60 ≤ bits.</summary>
    public const int Margin = 60;

    /// <summary>κ2 of the cell at <paramref name="theta"/> for every m and horizon of <paramref name="options"/>, at <see cref="ConditionOptions.Bits"/> (256 or 512).</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ.</param>
    /// <param name="options">m, the horizons, the precision, transients, input and seed.</param>
    /// <param name="flossed">A label copied into every point.</param>
    /// <returns>One point per horizon and m: horizons ascending, then m ascending.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bits are not 256 or 512, an m is outside 1…n, or a horizon is not positive.</exception>
    public static IReadOnlyList<ConditionPoint> Measure(CellLayout layout, ReadOnlySpan<double> theta, ConditionOptions options, bool flossed) =>
        options.Bits switch
        {
            256 => Measure<BinaryFloat<Bits256>>(layout, theta, options, flossed),
            512 => Measure<BinaryFloat<Bits512>>(layout, theta, options, flossed),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Bits, "the precision path runs at 256 or 512 bits"),
        };

    /// <summary>As <see cref="Measure(CellLayout, ReadOnlySpan{double}, ConditionOptions, bool)"/>, in the precision number type <typeparamref name="T"/> (for instance <see cref="DecimalNumber"/> as a cross-check).</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ.</param>
    /// <param name="options">m, the horizons, transients, input and seed (<see cref="ConditionOptions.Bits"/> is not read).</param>
    /// <param name="flossed">A label copied into every point.</param>
    public static IReadOnlyList<ConditionPoint> Measure<T>(CellLayout layout, ReadOnlySpan<double> theta, ConditionOptions options, bool flossed)
        where T : struct, IPrecisionNumber<T>
    {
        var n = layout.StateSize;
        var columns = options.M.Max();
        if (options.M.Any(m => m < 1 || m > n) || options.Horizons.Any(h => h < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"m must be between 1 and the state size {n}, horizons positive");
        }
        var horizon = options.Horizons.Max();
        var kernels = layout.Spec.CreateKernels<double>(layout);

        // Asymptotic exponents for Eq 10 from a long double run.
        // (Per step, so that Eq 10's t − τ counts steps also for a cell with a time step.)
        var spectrum = LyapunovSpectrum.Compute(layout, theta, new SpectrumOptions
        {
            K = columns, Steps = options.SpectrumSteps, Transient = options.Transient, QTransient = options.Transient,
            Input = options.Input, Seed = options.Seed, TrackLogDet = false,
        });
        var lambda = spectrum.Exponents.Select(exponent => exponent * spectrum.TimeUnit).ToArray();

        // The trajectory from τ on: relax the state and, along with it, an orthonormal Q (n×M) by
        // re-orthonormalised tangent steps, so that at τ Q spans the leading Lyapunov directions.
        var rng = Rng.ForStream(options.Seed, "condition");
        var inputs = InputStream.Create(options.Input, layout.InputSize, options.Transient + horizon, Rng.ForStream(options.Seed, "condition-input"));
        var h = new double[n];
        rng.FillGaussian(h);
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
                    (sums[0] - sums[m - 1]) / Math.Log(10),
                    resolved));
            }
        }
        return points;
    }
}
