using System.Numerics;
using Verified.Dense;
using Verified.Initialisation;
using Verified.Randomness;

namespace Verified.Benchmarks;

/// <summary>
/// The per-step pieces of a training epoch (vanilla-tanh, N = 80, batch b = 16 as <see cref="TrainingWorkload{T}"/>),
/// each callable alone: the batched step, its reverse pass, and the three products inside them
/// (W·H forward; Wᵀ·Ā and W̄ += Ā·Hᵀ, inner dimension b, backward).
/// </summary>
public sealed class TrainingComponents<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CellKernels<T> _kernels;
    private readonly T[] _theta, _h, _x, _next, _hBar, _nextBar, _thetaBar, _tape, _product;
    private readonly int _n, _b;

    public TrainingComponents(int n = 80, int batch = 16)
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n, 1));
        _kernels = layout.Spec.CreateKernels<T>(layout);
        (_n, _b) = (n, batch);
        var rng = new Rng(2);
        _theta = Array.ConvertAll(ParameterInitialiser.Create(layout, 1, rng), T.CreateTruncating);
        _h = Array.ConvertAll(rng.Gaussians(n * batch), T.CreateTruncating);
        _x = Array.ConvertAll(rng.Gaussians(batch), T.CreateTruncating);
        _next = new T[n * batch];
        _hBar = new T[n * batch];
        _nextBar = Array.ConvertAll(rng.Gaussians(n * batch), T.CreateTruncating);
        _thetaBar = new T[layout.ParameterCount];
        _tape = new T[_kernels.TapeLength(batch)];
        _product = new T[n * batch];
        _kernels.Step(_theta, _h, _x, _next, batch, _tape);
    }

    /// <summary>(name, action, flops per call) of every piece.</summary>
    public IEnumerable<(string Name, Action Run, double Flops)> Pieces()
    {
        double square = 2.0 * _n * _n * _b;
        yield return ("Step", () => _kernels.Step(_theta, _h, _x, _next, _b, _tape), square);
        yield return ("StepVjp", () => _kernels.StepVjp(_theta, _h, _x, _nextBar, _hBar, _thetaBar, _b, _tape), 2 * square);
        yield return ("W·H", () => Gemm.Multiply<T>(_theta.AsSpan(0, _n * _n), _h, _product, _n, _n, _b, accumulate: false), square);
        yield return ("Wᵀ·Ā", () => Gemm.MultiplyTransposedA<T>(_theta.AsSpan(0, _n * _n), _nextBar, _product, _n, _n, _b, accumulate: true), square);
        yield return ("W̄+=Ā·Hᵀ", () => Gemm.MultiplyTransposedB<T>(_nextBar, _h, _thetaBar.AsSpan(0, _n * _n), _n, _b, _n, accumulate: true), square);
    }
}
