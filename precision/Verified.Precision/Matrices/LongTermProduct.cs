using Verified.Precision.Numbers;

namespace Verified.Precision.Matrices;

/// <summary>
/// The long-term product T_t Q = D_{t−1} ⋯ D_τ Q (the paper's Eq 10), accumulated one step at a
/// time so that every horizon comes out of one pass. The D_s are doubles from the double
/// trajectory, taken exactly; each entry of the new product is a dot product rounded once.
/// </summary>
public sealed class LongTermProduct<T> where T : struct, IPrecisionNumber<T>
{
    private readonly int _n;
    private PrecisionMatrix<T> _product;
    private PrecisionMatrix<T> _next;

    /// <summary>Starts from <paramref name="basis"/> (n×m, row-major doubles, e.g. an orthonormal Q; the identity for m = n).</summary>
    public LongTermProduct(ReadOnlySpan<double> basis, int n, int m)
    {
        _n = n;
        _product = PrecisionMatrix<T>.FromRowMajor(basis, n, m);
        _next = new PrecisionMatrix<T>(n, m);
    }

    /// <summary>Steps advanced so far, t − τ.</summary>
    public int Steps { get; private set; }

    /// <summary>The product so far, T_t Q (n×m).</summary>
    public PrecisionMatrix<T> Current => _product;

    /// <summary>P ← D P with D the n×n row-major one-step Jacobian: each entry one dot product, rounded once.</summary>
    public void Advance(ReadOnlySpan<double> jacobian)
    {
        var n = _n;
        for (var j = 0; j < _product.Columns; j++)
        {
            var column = _product.Column(j);
            var target = _next.Column(j);
            for (var i = 0; i < n; i++)
            {
                target[i] = T.DotProduct(jacobian.Slice(i * n, n), column);
            }
        }
        (_product, _next) = (_next, _product);
        Steps++;
    }
}
