using Verified.Dense;

namespace Verified.Lyapunov.Covariant;

/// <summary>
/// The smallest principal angle θ between span(v_1…v_p) and span(v_{p+1}…v_{p+q}) of an n×(p+q)
/// matrix: with orthonormal bases U and S of the two (Householder QR), sin θ = σ_min((I − S Sᵀ) U),
/// the part of U outside S (Björck and Golub 1973); the sine form keeps small angles accurate, where
/// arccos σ_max(Sᵀ U) would lose them. Buffers are owned by the instance.
/// </summary>
public sealed class SubspaceAngle
{
    private readonly int _n, _p, _q;
    private readonly HouseholderQr<double> _first, _second;
    private readonly double[] _u, _s, _uBasis, _sBasis, _rU, _rS, _overlap, _outside;

    /// <summary>Angles between subspaces of dimensions p and q in R^n (p, q ≥ 1, p + q ≤ n).</summary>
    public SubspaceAngle(int n, int p, int q)
    {
        if (p < 1 || q < 1 || p + q > n)
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"two subspaces need p, q ≥ 1 and p + q ≤ n (n = {n}, p = {p}, q = {q})");
        }
        (_n, _p, _q) = (n, p, q);
        (_first, _second) = (new HouseholderQr<double>(n, p), new HouseholderQr<double>(n, q));
        (_u, _uBasis, _outside) = (new double[n * p], new double[n * p], new double[n * p]);
        (_s, _sBasis) = (new double[n * q], new double[n * q]);
        (_rU, _rS, _overlap) = (new double[p * p], new double[q * q], new double[q * p]);
    }

    /// <summary>θ in radians, in [0, π/2], between the first p and the next q columns of <paramref name="vectors"/> (n rows of <paramref name="stride"/>).</summary>
    public double Smallest(ReadOnlySpan<double> vectors, int stride)
    {
        int n = _n, p = _p, q = _q;
        for (var row = 0; row < n; row++)
        {
            vectors.Slice(row * stride, p).CopyTo(_u.AsSpan(row * p, p));
            vectors.Slice(row * stride + p, q).CopyTo(_s.AsSpan(row * q, q));
        }
        _first.Factor(_u, _uBasis, _rU);
        _second.Factor(_s, _sBasis, _rS);
        // (I − S Sᵀ) U = U − S (Sᵀ U).
        Gemm.MultiplyTransposedA<double>(_sBasis, _uBasis, _overlap, q, n, p, accumulate: false);
        Gemm.Multiply<double>(_sBasis, _overlap, _outside, n, q, p, accumulate: false);
        for (var i = 0; i < _outside.Length; i++)
        {
            _outside[i] = _uBasis[i] - _outside[i];
        }
        return Math.Asin(Math.Min(1, SmallestSingularValue()));
    }

    /// <summary>σ_min of the n×p matrix in <see cref="_outside"/> (MathNet's SVD, as the training's gradient spectrum; once per recorded step, not per step).</summary>
    private double SmallestSingularValue() =>
        MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(_n, _p, _outside).Svd(computeVectors: false).S[_p - 1];
}
