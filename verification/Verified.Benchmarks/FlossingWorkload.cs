using System.Numerics;
using Verified.Dense;
using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Benchmarks;

/// <summary>
/// One flossing epoch of vanilla-tanh (or another cell) as ../shared/peers/torch_floss.py does it: N=80, k=75,
/// T_f=300, t_ONS=1, Gaussian input, λ* = 0, one thread.
/// </summary>
public sealed class FlossingWorkload<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FlossingProblem<T> _problem;
    private readonly T[] _theta, _h0, _q0, _inputs, _gradient;

    public FlossingWorkload(string cell = "vanilla-tanh", int n = 80, int k = 75, int steps = 300, int orthonormaliseEvery = 1)
    {
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(n));
        var rng = new Rng(1);
        var theta = ParameterInitialiser.Create(layout, 1.0, rng);
        // The state's length: N for vanilla-tanh, 2N for an LSTM's (h, c).
        var size = layout.StateSize;
        var q0 = new double[size * k];
        var a = new double[size * k];
        rng.FillGaussian(a);
        new HouseholderQr<double>(size, k).Factor(a, q0, new double[k * k]);
        _problem = new FlossingProblem<T>(layout, new FlossingHorizon(k, steps, 0, orthonormaliseEvery, 0));
        _theta = Convert(theta);
        _h0 = new T[size];
        _q0 = Convert(q0);
        _inputs = Convert(InputStream.Create(InputKind.Gaussian, layout.InputSize, steps, rng));
        _gradient = new T[layout.ParameterCount];
    }

    public double Epoch() => _problem.LossAndGradient(_theta, _h0, _q0, _inputs, _gradient).Loss;

    private static T[] Convert(double[] values) => Array.ConvertAll(values, T.CreateTruncating);
}
