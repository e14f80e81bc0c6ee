using Verified.Initialisation;
using Verified.Precision.Matrices;
using Verified.Precision.Numbers;
using Verified.Randomness;

namespace Verified.Benchmarks;

/// <summary>
/// The long-term Jacobian product of vanilla-tanh at N=80 as ../shared/peers/mpfr_product.c forms
/// it: P ← D_s P from the identity, D_s from the double trajectory, <paramref name="steps"/> steps.
/// </summary>
public sealed class ProductWorkload
{
    private readonly double[][] _jacobians;
    private readonly int _n;

    public ProductWorkload(int n = 80, int steps = 100)
    {
        _n = n;
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(n));
        var kernels = layout.Spec.CreateKernels<double>(layout);
        var rng = new Rng(1);
        var theta = ParameterInitialiser.Create(layout, 1.0, rng);
        var h = new double[n];
        rng.FillGaussian(h);
        var next = new double[n];
        var x = new double[layout.InputSize];
        _jacobians = new double[steps][];
        for (var s = 0; s < steps; s++)
        {
            x[0] = rng.NextGaussian();
            _jacobians[s] = new double[n * n];
            kernels.Jacobian(theta, h, x, _jacobians[s]);
            kernels.Step(theta, h, x, next);
            (h, next) = (next, h);
        }
    }

    /// <summary>Multiply-adds of the product: N³ per step.</summary>
    public double MultiplyAdds(int steps) => (double)_n * _n * _n * steps;

    public double Run<T>(int steps) where T : struct, IPrecisionNumber<T>
    {
        var identity = new double[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            identity[i * _n + i] = 1;
        }
        var product = new LongTermProduct<T>(identity, _n, _n);
        for (var s = 0; s < steps; s++)
        {
            product.Advance(_jacobians[s]);
        }
        return product.Current[0, 0].ToDouble();
    }
}
