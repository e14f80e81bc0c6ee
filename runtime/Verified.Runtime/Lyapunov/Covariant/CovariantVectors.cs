using Verified.Dense;
using Verified.MemoryLimits;
using Verified.Randomness;

namespace Verified.Lyapunov.Covariant;

/// <summary>
/// Covariant Lyapunov vectors by Ginelli et al. (2007)'s forward–backward method, for any generated
/// cell. Forward: <see cref="TangentStepper{T}"/> carries Q with a QR after every step, D_s Q_s = Q_{s+1} R_s,
/// through the forward transient (Q converges to the backward Lyapunov vectors) and then stores R_s
/// for the window and the backward transient, and Q_s and h_s at the recorded steps. Backward: the
/// vectors are V_s = Q_s C_s with C_s upper triangular; covariance D_s V_s = V_{s+1} diag(γ_s) gives
/// R_s C_s = C_{s+1} diag(γ_s), so from C = I after the backward transient, C_s = R_s⁻¹ C_{s+1} by back
/// substitution with every column normalised each step; the norm removed is 1/γ_{s,i}, and
/// γ_{s,i} = ‖D_s v_{s,i}‖ is the one-step growth of vector i, whose time average is λ_i (docs/design.md,
/// "Covariant vectors"). Memory: k² per stored R, n·k per recorded step, checked before any work.
/// </summary>
public static class CovariantVectors
{
    /// <summary>
    /// The buffers <see cref="Compute"/> holds: the stored R factors, the recorded bases, vectors, states,
    /// growth rates and angles, the n×k buffers of one step (Q_s, Q_{s+1}, the stepper's tangent and its QR's
    /// workspace, the product V_s) and the kernels' own (one column, k tangent columns, no Jacobian).
    /// </summary>
    public static Footprint Footprint(CellLayout layout, CovariantOptions options) =>
        new($"covariant vectors of {layout.Spec.Name} at n = {layout.StateSize}, k = {options.K}",
            new PlannedBuffer("R factors of the window and the backward transient", MemoryBudget.Product(options.StoredFactors, options.K, options.K), sizeof(double)),
            new PlannedBuffer("recorded bases and vectors", MemoryBudget.Product(options.RecordedSteps, layout.StateSize, options.K), sizeof(double)),
            new PlannedBuffer("recorded states, growth rates and angles", MemoryBudget.Product(options.RecordedSteps, layout.StateSize + 2L * options.K), sizeof(double)),
            new PlannedBuffer("bases of one step", 5 * MemoryBudget.Product(layout.StateSize, options.K), sizeof(double)),
            layout.Spec.CreateKernels<double>(layout).Scratch(1, options.K, jacobian: false));

    /// <summary>The k leading covariant vectors of the cell at θ over the window of <paramref name="options"/>.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">The cell's parameters θ.</param>
    /// <param name="options">k, the window, the three transients, the record interval, the input and the seed.</param>
    /// <param name="stepDone">Called after every forward and every backward step (for progress).</param>
    /// <exception cref="ArgumentOutOfRangeException">k is not in 1…n, or a count is out of range.</exception>
    /// <exception cref="ResourceLimitException">The stored R factors and vectors do not fit in memory.</exception>
    /// <exception cref="TrajectoryDivergedException">The state or the tangent vectors stopped being finite.</exception>
    public static CovariantResult Compute(CellLayout layout, ReadOnlySpan<double> theta, CovariantOptions options, Action? stepDone = null)
    {
        int n = layout.StateSize, k = options.K;
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"k must be between 1 and the state size {n}, not {k}");
        }
        if (options.Steps < 1 || options.RecordEvery < 1 || options.Transient < 0 || options.ForwardTransient < 0 || options.BackwardTransient < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the window and the record interval must be positive, the transients non-negative");
        }
        if ((long)options.Transient + options.ForwardTransient + options.Steps + options.BackwardTransient > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"the window and the transients must add up to at most {int.MaxValue} steps");
        }
        if (options.InitialState is { } start && start.Length != n)
        {
            throw new ArgumentException($"the initial state has n = {n} elements", nameof(options));
        }
        Footprint(layout, options).Require();

        var forward = Forward(layout, theta, options, stepDone);
        var unit = ExponentUnit.Of(layout, theta);
        var order = ExponentOrder.Descending(forward.LogRSums);
        var exponents = ExponentOrder.Apply(forward.LogRSums, order).Select(sum => sum / (options.StoredFactors * unit.StepDuration)).ToArray();
        var unstable = exponents.Count(exponent => exponent > 0);
        var backward = Backward(forward, options, order, unstable, unit, stepDone);
        return new CovariantResult(
            exponents,
            order,
            ExponentOrder.Apply(backward.GrowthSums, order).Select(sum => sum / (options.Steps * unit.StepDuration)).ToArray(),
            [.. Enumerable.Range(0, options.RecordedSteps).Select(record => record * options.RecordEvery)],
            forward.States,
            forward.Bases,
            backward.GrowthRates,
            unstable,
            backward.UnstableStableAngles,
            backward.NeighbourAngles,
            unit);
    }

    /// <summary>What the forward pass keeps: every R of the window and backward transient, Q_s and h_s at the recorded steps, Σ log R_ii (QR order).</summary>
    private sealed record ForwardPass(int K, int N, double[] Factors, double[][] States, double[][] Bases, double[] LogRSums);

    private static ForwardPass Forward(CellLayout layout, ReadOnlySpan<double> theta, CovariantOptions options, Action? stepDone)
    {
        var kernels = layout.Spec.CreateKernels<double>(layout);
        int n = layout.StateSize, k = options.K;
        var rng = Rng.ForStream(options.Seed, "covariant");
        var inputRng = Rng.ForStream(options.Seed, "input");
        var x = new double[layout.InputSize];
        var h = options.InitialState?.ToArray() ?? rng.Gaussians(n);
        var next = new double[n];
        for (var s = 0; s < options.Transient; s++)
        {
            InputStream.Fill(options.Input, x, inputRng);
            kernels.Step(theta, h, x, next);
            if (!Finite.All<double>(next))
            {
                throw new TrajectoryDivergedException(s + 1, "state");
            }
            (h, next) = (next, h);
            stepDone?.Invoke();
        }

        // A QR after every tangent step; the forward transient's R factors are not counted.
        var tangentSteps = options.ForwardTransient + (int)options.StoredFactors;
        var stepper = new TangentStepper<double>(kernels, k, new OrthonormalisationSchedule(tangentSteps, options.ForwardTransient, 1), options.Transient);
        var q = new double[n * k];
        var nextQ = new double[n * k];
        var r = new double[k * k];
        stepper.Orthonormalise(rng.Gaussians(n * k), q, r);
        // Every element is written by the forward pass before the backward pass reads it: no zeroing needed.
        var factors = GC.AllocateUninitializedArray<double>((int)(options.StoredFactors * k * k));
        var states = new double[options.RecordedSteps][];
        var bases = new double[options.RecordedSteps][];
        var sums = new double[k];
        for (var t = 0; t < tangentSteps; t++)
        {
            InputStream.Fill(options.Input, x, inputRng);
            var window = t - options.ForwardTransient;
            if (window >= 0 && window < options.Steps && window % options.RecordEvery == 0)
            {
                states[window / options.RecordEvery] = h.ToArray();
                bases[window / options.RecordEvery] = q.ToArray();
            }
            var stored = window >= 0 ? factors.AsSpan(window * k * k, k * k) : r;
            stepper.Advance(theta, h, x, q, next, nextQ, stored, t);
            if (window >= 0)
            {
                stepper.AddLogDiagonal(stored, sums);
            }
            (h, next) = (next, h);
            (q, nextQ) = (nextQ, q);
            stepDone?.Invoke();
        }
        return new ForwardPass(k, n, factors, states, bases, sums);
    }

    private sealed record BackwardPass(double[] GrowthSums, double[][] GrowthRates, double[]? UnstableStableAngles, double[][] NeighbourAngles);

    /// <summary>
    /// C_s = R_s⁻¹ C_{s+1}, columns normalised, from C = I after the backward transient down to the
    /// window's first step; at each recorded step the vectors Q_s C_s (overwriting the stored Q_s, columns
    /// put in the order of the exponents), their growth rates and angles.
    /// </summary>
    private static BackwardPass Backward(ForwardPass forward, CovariantOptions options, int[] order, int unstable, ExponentUnit unit, Action? stepDone)
    {
        int n = forward.N, k = forward.K;
        // C's rows padded to whole vectors for the blocked solve; the padding and the lower triangle stay zero.
        var stride = UpperTriangularSolve<double>.Stride(k);
        var c = new double[k * stride];
        for (var i = 0; i < k; i++)
        {
            c[i * stride + i] = 1;
        }
        var solve = new UpperTriangularSolve<double>(k);
        var logGrowth = new double[k];
        var growthSums = new double[k];
        var growthRates = new double[options.RecordedSteps][];
        var neighbourAngles = new double[options.RecordedSteps][];
        double[]? subspaceAngles = unstable > 0 && unstable < k ? new double[options.RecordedSteps] : null;
        var angle = subspaceAngles is null ? null : new SubspaceAngle(n, unstable, k - unstable);
        var product = new double[n * stride];
        for (var window = (int)options.StoredFactors - 1; window >= 0; window--)
        {
            solve.Solve(forward.Factors.AsSpan(window * k * k, k * k), c, stride);
            NormaliseColumns(c, k, stride, logGrowth);
            stepDone?.Invoke();
            if (window >= options.Steps)
            {
                continue;
            }
            for (var i = 0; i < k; i++)
            {
                growthSums[i] += logGrowth[i];
            }
            if (window % options.RecordEvery != 0)
            {
                continue;
            }
            var record = window / options.RecordEvery;
            var vectors = forward.Bases[record];
            Gemm.MultiplyBlockA<double>(vectors, k, c, product, n, k, stride, accumulate: false);
            for (var row = 0; row < n; row++)
            {
                for (var i = 0; i < k; i++)
                {
                    vectors[row * k + i] = product[row * stride + order[i]];
                }
            }
            growthRates[record] = [.. order.Select(column => logGrowth[column] / unit.StepDuration)];
            neighbourAngles[record] = NeighbourAngles(vectors, n, k);
            if (angle is not null)
            {
                subspaceAngles![record] = angle.Smallest(vectors, k);
            }
        }
        return new BackwardPass(growthSums, growthRates, subspaceAngles, neighbourAngles);
    }

    /// <summary>Scales every column of the upper triangular C (k rows of <paramref name="stride"/>) to unit length, a row at a time; logGrowth[j] = −log of the norm removed (log γ_j).</summary>
    private static void NormaliseColumns(Span<double> c, int k, int stride, Span<double> logGrowth)
    {
        // logGrowth holds Σ_i C_ij², then 1/‖C_j‖, then its log.
        var squares = logGrowth;
        squares.Clear();
        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                squares[j] += c[i * stride + j] * c[i * stride + j];
            }
        }
        for (var j = 0; j < k; j++)
        {
            squares[j] = 1 / Math.Sqrt(squares[j]);
        }
        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                c[i * stride + j] *= squares[j];
            }
        }
        // The norm removed was 1/γ_j: log γ_j = log(1/norm).
        for (var j = 0; j < k; j++)
        {
            logGrowth[j] = Math.Log(squares[j]);
        }
    }

    /// <summary>arccos |v_iᵀ v_{i+1}| for i = 1…k−1 of unit columns.</summary>
    private static double[] NeighbourAngles(double[] vectors, int n, int k)
    {
        var angles = new double[Math.Max(0, k - 1)];
        for (var i = 0; i + 1 < k; i++)
        {
            var dot = 0.0;
            for (var row = 0; row < n; row++)
            {
                dot += vectors[row * k + i] * vectors[row * k + i + 1];
            }
            angles[i] = Math.Acos(Math.Min(1, Math.Abs(dot)));
        }
        return angles;
    }
}
