using Verified.Dense;
using Verified.Initialisation;
using Verified.Random;

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
    /// <summary>Relative tolerance of the float kernels against the double reference.</summary>
    public double FloatTolerance { get; init; } = 1e-2;

    /// <summary>θ to check at, as it is (a network loaded from a file); null: the initialiser's draw at <see cref="Gain"/>, moved off its initial values.</summary>
    public double[]? Theta { get; init; }
}

/// <summary>
/// Checks every generated kernel of a cell at a random point: each derivative against central
/// finite differences, each JVP against its VJP by the dot-product test ⟨u, J v⟩ = ⟨Jᵀu, v⟩, the
/// Jacobian against Tangent of identity columns, batched against per-sequence kernels, and the
/// float kernels against the double ones. `verified check` and the tests run exactly these.
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
            _theta = ParameterInitializer.Create(_layout, options.Gain, rng);
            // Move every parameter off its initial value so that biases and scalars are exercised too.
            for (var i = 0; i < _theta.Length; i++)
            {
                _theta[i] += 0.2 * rng.NextGaussian();
            }
        }
        _h = Gaussian(rng, _n, 0.5);
        _x = Gaussian(rng, _i * options.Batch, 1.0);
        _q = Gaussian(rng, _n * _k, 1.0);
        _u = Gaussian(rng, _n * _k, 1.0);
        _w = Gaussian(rng, _n, 1.0);
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
        Add("jacobian-vs-tangent-of-identity", Compare.RelativeError(jacobian, Tangent(_theta, _h, x1, Identity(_n), _n)));

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
        var states = Gaussian(rng, _n * b, 0.5);
        var bars = Gaussian(rng, _n * b, 1.0);
        var next = new double[_n * b];
        _kernels.Step(_theta, states, _x, next, b);
        var stateBar = new double[_n * b];
        var thetaBar = new double[_p];
        _kernels.StepVjp(_theta, states, _x, bars, stateBar, thetaBar, b);
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
        var tape = new double[_kernels.TapeLength(b)];
        var taped = new double[_n * b];
        _kernels.Step(_theta, states, _x, taped, b, tape);
        var tapeStateBar = new double[_n * b];
        var tapeThetaBar = new double[_p];
        _kernels.StepVjp(_theta, states, _x, bars, tapeStateBar, tapeThetaBar, b, tape);
        yield return new CheckResult("stepvjp-tape-vs-recompute", Math.Max(Compare.RelativeError(taped, next),
            Math.Max(Compare.RelativeError(tapeStateBar, stateBar), Compare.RelativeError(tapeThetaBar, thetaBar))), _options.Tolerance);
        yield return new CheckResult("batched-stepvjp-vs-single", Math.Max(
            Compare.RelativeError(stateBar, expectedStateBar), Compare.RelativeError(thetaBar, expectedThetaBar)), _options.Tolerance);
    }

    private IEnumerable<CheckResult> FloatChecks(double[] x1, double[] jacobian, double[] stateBar, double[] thetaBar,
        double[] qBar, double[] hBar2, double[] thetaBar2)
    {
        var tolerance = _options.FloatTolerance;
        float[] F(double[] values) => Array.ConvertAll(values, value => (float)value);
        var (theta, h, x, q, u, w) = (F(_theta), F(_h), F(x1), F(_q), F(_u), F(_w));

        var next = new float[_n];
        _single.Step(theta, h, x, next);
        yield return new CheckResult("float-step", Compare.RelativeError(next, Step(_theta, _h, x1)), tolerance);

        var singleJacobian = new float[_n * _n];
        _single.Jacobian(theta, h, x, singleJacobian);
        yield return new CheckResult("float-jacobian", Compare.RelativeError(singleJacobian, jacobian), tolerance);

        var dq = Unwritten<float>(_n * _k);
        _single.Tangent(theta, h, x, q, dq, _k);
        yield return new CheckResult("float-tangent", Compare.RelativeError(dq, Tangent(_theta, _h, x1, _q, _k)), tolerance);

        var singleStateBar = new float[_n];
        var singleThetaBar = new float[_p];
        _single.StepVjp(theta, h, x, w, singleStateBar, singleThetaBar);
        yield return new CheckResult("float-stepvjp", Math.Max(
            Compare.RelativeError(singleStateBar, stateBar), Compare.RelativeError(singleThetaBar, thetaBar)), tolerance);

        var singleQBar = Unwritten<float>(_n * _k);
        var singleHBar = new float[_n];
        var singleThetaBar2 = new float[_p];
        _single.TangentVjp(theta, h, x, q, u, singleQBar, singleHBar, singleThetaBar2, _k);
        yield return new CheckResult("float-tangentvjp", Math.Max(Compare.RelativeError(singleQBar, qBar),
            Math.Max(Compare.RelativeError(singleHBar, hBar2), Compare.RelativeError(singleThetaBar2, thetaBar2))), tolerance);
    }

    // ---- the kernels as functions -------------------------------------------------------------

    private double[] Step(double[] theta, double[] h, double[] x)
    {
        var next = new double[_n];
        _kernels.Step(theta, h, x, next);
        return next;
    }

    private double[] Jacobian(double[] theta, double[] h, double[] x)
    {
        var jacobian = new double[_n * _n];
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
        var stateBar = new double[_n];
        var thetaBar = new double[_p];
        _kernels.StepVjp(theta, h, x, nextBar, stateBar, thetaBar);
        return (stateBar, thetaBar);
    }

    private (double[] QBar, double[] StateBar, double[] ThetaBar) TangentVjp(double[] theta, double[] h, double[] x, double[] q, double[] u)
    {
        var qBar = Unwritten<double>(_n * _k);
        var stateBar = new double[_n];
        var thetaBar = new double[_p];
        _kernels.TangentVjp(theta, h, x, q, u, qBar, stateBar, thetaBar, _k);
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

    private static double Dot(double[] a, double[] b) => Blas.Dot<double>(a, b);

    private static double[] Gaussian(Rng rng, int length, double std)
    {
        var values = new double[length];
        rng.FillGaussian(values, 0, std);
        return values;
    }

    private static double[] Identity(int n)
    {
        var identity = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            identity[i * n + i] = 1;
        }
        return identity;
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
