using Verified.Dense;
using Verified.Initialisation;
using Verified.Randomness;

namespace Verified.Checks;

/// <summary>Sizes, point and tolerances of a cell's derivative checks.</summary>
public sealed record DerivativeCheckOptions
{
    /// <summary>Hidden size N.</summary>
    public int N { get; init; } = 5;

    /// <summary>Input size I.</summary>
    public int InputSize { get; init; } = 3;

    /// <summary>Tangent columns k of the Tangent and TangentVjp checks (at most n).</summary>
    public int K { get; init; } = 3;

    /// <summary>Sequences of the batched checks.</summary>
    public int Batch { get; init; } = 3;

    /// <summary>The gain g of the initialisation.</summary>
    public double Gain { get; init; } = 1.0;

    /// <summary>Seed of the point.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Relative tolerance of the double checks (issue: 1e-7 against finite differences).</summary>
    public double Tolerance { get; init; } = 1e-7;
    /// <summary>
    /// Bound of the float kernels against the double ones, in units of u·κ: u = 2⁻²⁴ is float's unit
    /// round-off and κ ≥ 1 the condition of the computation at the point (see <see cref="DerivativeChecks"/>);
    /// null for 4(n + I): a sum of m rounded products errs by at most about m u of the sum of its terms' magnitudes
    /// (κ carries their cancellation), the kernels' sums run over the n states and I inputs, and a reverse pass
    /// chains a few of them. Measured: under 6 u·κ at n = 5 to 10, under 18 u·κ at n = 80.
    /// </summary>
    public double? FloatMultiple { get; init; }

    /// <summary>θ to check at, as it is (a network loaded from a file); null: the initialiser's draw at <see cref="Gain"/>, moved off its initial values.</summary>
    public double[]? Theta { get; init; }
}

/// <summary>
/// Checks every generated kernel of a cell at a random point: each derivative against central
/// finite differences, each JVP against its VJP by the dot-product test ⟨u, J v⟩ = ⟨Jᵀu, v⟩, the
/// Jacobian times a random n×n Q against Tangent of Q, batched against per-sequence kernels, and the
/// float kernels against the double ones. `verified check` and the tests run exactly these.
/// Every output a kernel overwrites is filled with NaN before the call, so that an element it leaves
/// unwritten fails; every output it adds to (θ̄, and TangentVjp's h̄) starts from random values that
/// are subtracted afterwards, so that a kernel that overwrites instead of adding fails, even where
/// the derivative is zero (the linear and ReLU cells' second derivatives). A float kernel's error
/// is divided by κ = max(1, e_in / u), e_in the relative change of the double kernel's result when its
/// inputs are rounded to float: what rounding the inputs alone costs, so that the bound is a fixed
/// multiple of u at a well-conditioned point and grows only with the computation's condition.
/// </summary>
public sealed class DerivativeChecks
{
    private readonly CellLayout _layout;
    private readonly CellKernels<double> _kernels;
    private readonly CellKernels<float> _single;
    private readonly DerivativeCheckOptions _options;
    private readonly int _n, _k, _p, _i;
    private readonly double[] _theta, _h, _x, _q, _u, _w;

    /// <summary>The checks of <paramref name="spec"/>'s cell at a random point drawn from <see cref="DerivativeCheckOptions.Seed"/>.</summary>
    /// <param name="spec">The cell.</param>
    /// <param name="options">Sizes, seed and tolerances.</param>
    /// <param name="kernels">The double kernels to check; null for the generated ones.</param>
    /// <param name="single">The float kernels to check; null for the generated ones.</param>
    public DerivativeChecks(CellSpec spec, DerivativeCheckOptions options,
        CellKernels<double>? kernels = null, CellKernels<float>? single = null)
    {
        _options = options;
        _layout = spec.Layout(CellDimensions.Of(options.N, options.InputSize));
        Footprint(_layout, options).Require();
        _kernels = kernels ?? spec.CreateKernels<double>(_layout);
        _single = single ?? spec.CreateKernels<float>(_layout);
        (_n, _k, _p, _i) = (_layout.StateSize, Math.Min(options.K, _layout.StateSize), _layout.ParameterCount, _layout.InputSize);
        var rng = new Rng(options.Seed);
        if (options.Theta is { } given)
        {
            _theta = given.Length == _layout.ParameterCount ? [.. given] : throw new ArgumentException($"θ has {given.Length} values, cell {spec.Name} at {_layout.Dimensions} has {_layout.ParameterCount}", nameof(options));
        }
        else
        {
            _theta = ParameterInitialiser.Create(_layout, options.Gain, rng);
            // Move every parameter off its initial value so that biases and scalars are exercised too.
            for (var i = 0; i < _theta.Length; i++)
            {
                _theta[i] += 0.2 * rng.NextGaussian();
            }
        }
        _h = rng.Gaussians(_n, 0.5);
        _x = rng.Gaussians(_i * options.Batch);
        _q = rng.Gaussians(_n * _k);
        _u = rng.Gaussians(_n * _k);
        _w = rng.Gaussians(_n);
    }

    /// <summary>
    /// The dense matrices the checks form by finite differences and from the kernels (n×n Jacobians and the
    /// n×P parameter Jacobian, in double and float), and the kernels' own buffers (a batch, k tangent
    /// columns and their Jacobians) in both types.
    /// </summary>
    public static MemoryLimits.Footprint Footprint(CellLayout layout, DerivativeCheckOptions options)
    {
        var (batch, k) = (options.Batch, Math.Min(options.K, layout.StateSize));
        return new MemoryLimits.Footprint($"the derivative checks of {layout.Spec.Name} at n = {layout.StateSize}",
            new MemoryLimits.PlannedBuffer("dense Jacobians", 6 * MemoryLimits.MemoryBudget.Product(layout.StateSize, layout.StateSize), sizeof(double)),
            new MemoryLimits.PlannedBuffer("parameter Jacobian", 2 * MemoryLimits.MemoryBudget.Product(layout.StateSize, layout.ParameterCount), sizeof(double)),
            layout.Spec.CreateKernels<double>(layout).Scratch(batch, k, jacobian: true),
            layout.Spec.CreateKernels<float>(layout).Scratch(batch, k, jacobian: true));
    }

    /// <summary>Runs every check.</summary>
    public IReadOnlyList<CheckResult> Run()
    {
        var tolerance = _options.Tolerance;
        var x1 = _x.AsSpan(0, _i).ToArray();
        var results = new List<CheckResult>();
        void Add(string name, double error, double? limit = null) => results.Add(new CheckResult(name, error, limit ?? tolerance));

        // Jacobian against finite differences of Step in h, and against Tangent of identity columns.
        var jacobian = Jacobian(_theta, _h, x1);
        var fdJacobian = FiniteDifferences.Jacobian(h => Step(_theta, h, x1), _h, _n);
        Add("jacobian-vs-finite-differences", Compare.RelativeError(jacobian, fdJacobian));
        // Tangent is linear in Q: at identity columns a Tangent of Q∘Q would pass, at a random Q it does not.
        var square = new Rng(_options.Seed + 2).Gaussians(_n * _n);
        Add("jacobian-times-q-vs-tangent", Compare.RelativeError(Product(jacobian, square), Tangent(_theta, _h, x1, square, _n)));

        // StepVjp against finite differences of ⟨w, Step⟩ in h and in θ.
        var (stateBar, thetaBar) = StepVjp(_theta, _h, x1, _w);
        Add("stepvjp-state-vs-finite-differences", Compare.RelativeError(stateBar,
            FiniteDifferences.Gradient(h => Dot(_w, Step(_theta, h, x1)), _h)));
        Add("stepvjp-theta-vs-finite-differences", Compare.RelativeError(thetaBar,
            FiniteDifferences.Gradient(theta => Dot(_w, Step(theta, _h, x1)), _theta)));

        // Dot-product tests linking each JVP with its VJP.
        var v = _q.AsSpan(0, _n).ToArray();
        Add("dot-product-tangent-stepvjp", Compare.RelativeError(Dot(_w, Tangent(_theta, _h, x1, v, 1)), Dot(stateBar, v)));
        var (qBar, hBar2, thetaBar2) = TangentVjp(_theta, _h, x1, _q, _u);
        Add("dot-product-tangent-tangentvjp", Compare.RelativeError(Dot(_u, Tangent(_theta, _h, x1, _q, _k)), Dot(qBar, _q)));

        // TangentVjp's second-order terms against finite differences of ⟨U, D(h; θ) Q⟩.
        Add("tangentvjp-state-vs-finite-differences", Compare.RelativeError(hBar2,
            FiniteDifferences.Gradient(h => Dot(_u, Tangent(_theta, h, x1, _q, _k)), _h)));
        Add("tangentvjp-theta-vs-finite-differences", Compare.RelativeError(thetaBar2,
            FiniteDifferences.Gradient(theta => Dot(_u, Tangent(theta, _h, x1, _q, _k)), _theta)));

        // Batched kernels against one sequence at a time.
        results.AddRange(BatchChecks());

        // Float kernels against the double reference at the same point.
        results.AddRange(FloatChecks(x1, jacobian, stateBar, thetaBar, qBar, hBar2, thetaBar2));
        return results;
    }

    private IEnumerable<CheckResult> BatchChecks()
    {
        var b = _options.Batch;
        var rng = new Rng(_options.Seed + 1);
        var states = rng.Gaussians(_n * b, 0.5);
        var bars = rng.Gaussians(_n * b);
        var next = Unwritten<double>(_n * b);
        _kernels.Step(_theta, states, _x, next, b);
        var stateBar = Unwritten<double>(_n * b);
        var thetaBar = Added(_p, added => _kernels.StepVjp(_theta, states, _x, bars, stateBar, added, b));
        var expectedNext = new double[_n * b];
        var expectedStateBar = new double[_n * b];
        var expectedThetaBar = new double[_p];
        for (var s = 0; s < b; s++)
        {
            var h = Column(states, s, _n, b);
            var x = Column(_x, s, _i, b);
            SetColumn(expectedNext, Step(_theta, h, x), s, _n, b);
            var (hBar, tBar) = StepVjp(_theta, h, x, Column(bars, s, _n, b));
            SetColumn(expectedStateBar, hBar, s, _n, b);
            for (var j = 0; j < _p; j++)
            {
                expectedThetaBar[j] += tBar[j];
            }
        }
        yield return new CheckResult("batched-step-vs-single", Compare.RelativeError(next, expectedNext), _options.Tolerance);

        // StepVjp from the tape Step recorded against StepVjp recomputing the forward pass.
        var tape = Unwritten<double>(_kernels.TapeLength(b));
        var taped = Unwritten<double>(_n * b);
        _kernels.Step(_theta, states, _x, taped, b, tape);
        var tapeStateBar = Unwritten<double>(_n * b);
        var tapeThetaBar = Added(_p, added => _kernels.StepVjp(_theta, states, _x, bars, tapeStateBar, added, b, tape));
        yield return new CheckResult("stepvjp-tape-vs-recompute", Math.Max(Compare.RelativeError(taped, next),
            Math.Max(Compare.RelativeError(tapeStateBar, stateBar), Compare.RelativeError(tapeThetaBar, thetaBar))), _options.Tolerance);
        yield return new CheckResult("batched-stepvjp-vs-single", Math.Max(
            Compare.RelativeError(stateBar, expectedStateBar), Compare.RelativeError(thetaBar, expectedThetaBar)), _options.Tolerance);
    }

    /// <summary>
    /// Each float kernel at the point rounded to float, against the double kernel at the point: the
    /// relative error of each output divided by its κ (the double kernel's relative change when the
    /// inputs are rounded to float, over u, at least 1), the largest of a kernel's outputs, at most
    /// <see cref="DerivativeCheckOptions.FloatMultiple"/> u (4(n + I) u by default).
    /// </summary>
    private IEnumerable<CheckResult> FloatChecks(double[] x1, double[] jacobian, double[] stateBar, double[] thetaBar,
        double[] qBar, double[] hBar2, double[] thetaBar2)
    {
        const double u = 1.0 / (1 << 24);
        var tolerance = (_options.FloatMultiple ?? 4 * (_n + _i)) * u;
        float[] F(double[] values) => Array.ConvertAll(values, value => (float)value);
        double[] Rounded(double[] values) => Array.ConvertAll(values, value => (double)(float)value);
        var (theta, h, x, q, u1, w) = (F(_theta), F(_h), F(x1), F(_q), F(_u), F(_w));
        var (thetaR, hR, xR, qR, uR, wR) = (Rounded(_theta), Rounded(_h), Rounded(x1), Rounded(_q), Rounded(_u), Rounded(_w));
        // The error of one output in units of its κ: e / max(1, e_in / u) = e / max(u, e_in) · u.
        static double Scaled(float[] single, double[] exact, double[] atRounded) =>
            Compare.RelativeError(single, exact) / Math.Max(u, Compare.RelativeError(atRounded, exact)) * u;

        var next = Unwritten<float>(_n);
        _single.Step(theta, h, x, next);
        yield return new CheckResult("float-step", Scaled(next, Step(_theta, _h, x1), Step(thetaR, hR, xR)), tolerance);

        var singleJacobian = Unwritten<float>(_n * _n);
        _single.Jacobian(theta, h, x, singleJacobian);
        yield return new CheckResult("float-jacobian", Scaled(singleJacobian, jacobian, Jacobian(thetaR, hR, xR)), tolerance);

        var dq = Unwritten<float>(_n * _k);
        _single.Tangent(theta, h, x, q, dq, _k);
        yield return new CheckResult("float-tangent", Scaled(dq, Tangent(_theta, _h, x1, _q, _k), Tangent(thetaR, hR, xR, qR, _k)), tolerance);

        // The float reverse passes add into zeros: that they add rather than overwrite is checked in double.
        var singleStateBar = Unwritten<float>(_n);
        var singleThetaBar = new float[_p];
        _single.StepVjp(theta, h, x, w, singleStateBar, singleThetaBar);
        var (stateBarR, thetaBarR) = StepVjp(thetaR, hR, xR, wR);
        yield return new CheckResult("float-stepvjp", Math.Max(Scaled(singleStateBar, stateBar, stateBarR), Scaled(singleThetaBar, thetaBar, thetaBarR)), tolerance);

        var singleQBar = Unwritten<float>(_n * _k);
        var singleHBar = new float[_n];
        var singleThetaBar2 = new float[_p];
        _single.TangentVjp(theta, h, x, q, u1, singleQBar, singleHBar, singleThetaBar2, _k);
        var (qBarR, hBarR, thetaBar2R) = TangentVjp(thetaR, hR, xR, qR, uR);
        yield return new CheckResult("float-tangentvjp", Math.Max(Scaled(singleQBar, qBar, qBarR),
            Math.Max(Scaled(singleHBar, hBar2, hBarR), Scaled(singleThetaBar2, thetaBar2, thetaBar2R))), tolerance);
    }

    // ---- the kernels as functions -------------------------------------------------------------

    private double[] Step(double[] theta, double[] h, double[] x)
    {
        var next = Unwritten<double>(_n);
        _kernels.Step(theta, h, x, next);
        return next;
    }

    private double[] Jacobian(double[] theta, double[] h, double[] x)
    {
        var jacobian = Unwritten<double>(_n * _n);
        _kernels.Jacobian(theta, h, x, jacobian);
        return jacobian;
    }

    private double[] Tangent(double[] theta, double[] h, double[] x, double[] q, int k)
    {
        var dq = Unwritten<double>(_n * k);
        _kernels.Tangent(theta, h, x, q, dq, k);
        return dq;
    }

    private (double[] StateBar, double[] ThetaBar) StepVjp(double[] theta, double[] h, double[] x, double[] nextBar)
    {
        var stateBar = Unwritten<double>(_n);
        var thetaBar = Added(_p, added => _kernels.StepVjp(theta, h, x, nextBar, stateBar, added));
        return (stateBar, thetaBar);
    }

    private (double[] QBar, double[] StateBar, double[] ThetaBar) TangentVjp(double[] theta, double[] h, double[] x, double[] q, double[] u)
    {
        var qBar = Unwritten<double>(_n * _k);
        var thetaBar = Array.Empty<double>();
        var stateBar = Added(_n, addedState => thetaBar = Added(_p, added => _kernels.TangentVjp(theta, h, x, q, u, qBar, addedState, added, _k)));
        return (qBar, stateBar, thetaBar);
    }

    // ---- small helpers ------------------------------------------------------------------------

    /// <summary>An output the kernel overwrites, filled with NaN first: an element it leaves unwritten fails the check.</summary>
    private static T[] Unwritten<T>(int length) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var values = new T[length];
        values.AsSpan().Fill(T.NaN);
        return values;
    }

    /// <summary>
    /// What a kernel that adds into its output added: the output starts from random values (of the
    /// seed's own stream), which are subtracted afterwards, so that a kernel that overwrites fails.
    /// </summary>
    private double[] Added(int length, Action<double[]> kernel)
    {
        var start = new Rng(_options.Seed + 3).Gaussians(length);
        var values = start.ToArray();
        kernel(values);
        for (var i = 0; i < length; i++)
        {
            values[i] -= start[i];
        }
        return values;
    }

    private static double Dot(double[] a, double[] b) => Blas.Dot<double>(a, b);

    /// <summary>The n×n product A·B of row-major matrices, summed in plain order.</summary>
    private double[] Product(double[] a, double[] b)
    {
        var product = new double[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            for (var l = 0; l < _n; l++)
            {
                for (var j = 0; j < _n; j++)
                {
                    product[i * _n + j] += a[i * _n + l] * b[l * _n + j];
                }
            }
        }
        return product;
    }

    private static double[] Column(double[] values, int column, int rows, int columns)
    {
        var result = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            result[i] = values[i * columns + column];
        }
        return result;
    }

    private static void SetColumn(double[] values, double[] column, int index, int rows, int columns)
    {
        for (var i = 0; i < rows; i++)
        {
            values[i * columns + index] = column[i];
        }
    }
}
