using System.Numerics;
using Verified.Dense;
using Verified.Initialisation;
using Verified.Randomness;

namespace Verified.Benchmarks;

/// <summary>The per-step pieces of a flossing epoch (N=80, k=75 unless given), each callable alone.</summary>
public sealed class StepComponents<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CellKernels<T> _kernels;
    private readonly HouseholderQr<T> _qr;
    private readonly QrPullback<T> _pullback;
    private readonly T[] _theta, _h, _x, _q, _dq, _r, _rBar, _u, _qBar, _hBar, _thetaBar, _next;
    private readonly int _n, _k;

    public StepComponents(int n = 80, int k = 75)
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n));
        _kernels = layout.Spec.CreateKernels<T>(layout);
        (_n, _k) = (n, k);
        var rng = new Rng(2);
        _theta = Array.ConvertAll(ParameterInitialiser.Create(layout, 1, rng), T.CreateTruncating);
        _h = Array.ConvertAll(rng.Gaussians(n), T.CreateTruncating);
        _x = Array.ConvertAll(rng.Gaussians(1), T.CreateTruncating);
        _q = Array.ConvertAll(rng.Gaussians(n * k), T.CreateTruncating);
        _dq = new T[n * k];
        _r = new T[k * k];
        _rBar = new T[k];
        _rBar.AsSpan().Fill(T.CreateTruncating(0.01));
        _u = Array.ConvertAll(rng.Gaussians(n * k), T.CreateTruncating);
        _qBar = new T[n * k];
        _hBar = new T[n];
        _next = new T[n];
        _thetaBar = new T[layout.ParameterCount];
        _qr = new HouseholderQr<T>(n, k);
        _pullback = new QrPullback<T>(n, k);
        _qr.Factor(Array.ConvertAll(rng.Gaussians(n * k), T.CreateTruncating), _q, _r);
    }

    public void Gemm() => Dense.Gemm.Multiply<T>(_theta.AsSpan(0, _n * _n), _q, _dq, _n, _n, _k, accumulate: false);
    public void Tangent() => _kernels.Tangent(_theta, _h, _x, _q, _dq, _k);
    public void Step() => _kernels.Step(_theta, _h, _x, _next);
    public void Qr() => _qr.Factor(_u, _dq, _r);
    public void Pullback() => _pullback.BackwardDiagonal(_q, _r, _u, _rBar, _qBar);
    public void StepVjp() => _kernels.StepVjp(_theta, _h, _x, _h, _hBar, _thetaBar);
    public void TangentVjp() => _kernels.TangentVjp(_theta, _h, _x, _q, _u, _qBar, _hBar, _thetaBar, _k);
}
