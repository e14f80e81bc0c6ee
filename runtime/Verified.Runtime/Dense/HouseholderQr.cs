using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Verified.Dense;

/// <summary>
/// Householder QR of a row-major n×k matrix (k ≤ n), thin form A = Q R with Q n×k orthonormal and
/// R k×k upper triangular with a positive diagonal (DESIGN.md: flip Q's columns and R's rows).
/// The factorisation works on Aᵀ with every column a contiguous run padded with zeros to a whole
/// number of SIMD vectors, and each reflector v_j kept apart with zeros outside rows j..n−1, so
/// that every reflection is whole-vector dot products and axpys with no scalar tails. The
/// workspace is owned by the instance: no allocation per call.
/// </summary>
public sealed class HouseholderQr<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _k;
    private readonly int _stride;     // n rounded up to whole vectors
    private readonly T[] _columns;    // k columns of A (stride _stride): R above row j once column j is done
    private readonly T[] _reflectors; // k reflectors v_j (stride _stride), zero outside rows j..n−1
    private readonly T[] _basis;      // k columns of Q (stride _stride)
    private readonly T[] _beta;       // 2/(v_jᵀ v_j)
    private readonly T[] _alpha;      // R_jj before the sign fix

    public HouseholderQr(int n, int k)
    {
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"QR needs 1 ≤ k ≤ n, got n={n}, k={k}");
        }
        var width = Vector256<T>.Count;
        (_n, _k, _stride) = (n, k, (n + width - 1) / width * width);
        _columns = new T[k * _stride];
        _reflectors = new T[k * _stride];
        _basis = new T[k * _stride];
        _beta = new T[k];
        _alpha = new T[k];
    }

    /// <summary>Factorises <paramref name="a"/> (n×k) into <paramref name="q"/> (n×k) and <paramref name="r"/> (k×k).</summary>
    public void Factor(ReadOnlySpan<T> a, Span<T> q, Span<T> r)
    {
        int n = _n, k = _k, stride = _stride, width = Vector256<T>.Count;
        Transposition.Transpose(a, k, _columns, stride, n, k);
        Array.Clear(_reflectors);
        for (var j = 0; j < k; j++)
        {
            // v = x + sign(x_0)‖x‖ e_0 on rows j..n−1 of column j; R_jj = −sign(x_0)‖x‖.
            var x = _columns.AsSpan(j * stride + j, n - j);
            var v = _reflectors.AsSpan(j * stride, stride);
            x.CopyTo(v[j..]);
            var squared = Blas.Dot<T>(x, x);
            var x0 = x[0];
            var alpha = x0 >= T.Zero ? -T.Sqrt(squared) : T.Sqrt(squared);
            v[j] = x0 - alpha;
            var vv = v[j] * v[j] + (squared - x0 * x0);
            _beta[j] = vv > T.Zero ? (T.One + T.One) / vv : T.Zero;
            _alpha[j] = alpha;
            // Apply H_j = I − β v vᵀ to the later columns, from the vector that holds row j on.
            ReflectColumns(v, _columns, j + 1, k, _beta[j], j / width * width);
        }
        // R: the diagonal from α, above it the transformed columns.
        r[..(k * k)].Clear();
        for (var i = 0; i < k; i++)
        {
            r[i * k + i] = _alpha[i];
            for (var c = i + 1; c < k; c++)
            {
                r[i * k + c] = _columns[c * stride + i];
            }
        }
        // Q = H_0 ⋯ H_{k−1} [I_k; 0], column by column, reflectors applied from the last one back.
        Array.Clear(_basis);
        for (var c = 0; c < k; c++)
        {
            _basis[c * stride + c] = T.One;
        }
        for (var j = k - 1; j >= 0; j--)
        {
            ReflectColumns(_reflectors.AsSpan(j * stride, stride), _basis, j, k, _beta[j], j / width * width);
        }
        // Positive diagonal: flip row i of R and column i of Q where R_ii < 0.
        for (var i = 0; i < k; i++)
        {
            if (r[i * k + i] < T.Zero)
            {
                Blas.Scale(-T.One, r.Slice(i * k + i, k - i));
                Blas.Scale(-T.One, _basis.AsSpan(i * stride, n));
            }
        }
        Transposition.Transpose<T>(_basis, stride, q, k, k, n);
    }

    /// <summary>Columns first…last−1 of <paramref name="matrix"/> ← H columns, four at a time so that v is read once per four.</summary>
    private void ReflectColumns(ReadOnlySpan<T> v, T[] matrix, int first, int last, T beta, int from)
    {
        var stride = _stride;
        var c = first;
        for (; c + 4 <= last; c += 4)
        {
            Reflect4(v, matrix.AsSpan(c * stride, 4 * stride), stride, beta, from);
        }
        for (; c < last; c++)
        {
            Reflect(v, matrix.AsSpan(c * stride, stride), beta, from);
        }
    }

    /// <summary>y ← y − β (vᵀy) v over whole vectors from <paramref name="from"/> (v is zero outside its rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reflect(ReadOnlySpan<T> v, Span<T> y, T beta, int from)
    {
        var width = Vector256<T>.Count;
        ref var vs = ref MemoryMarshal.GetReference(v);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var length = y.Length;
        var dot = Vector256<T>.Zero;
        for (var i = from; i < length; i += width)
        {
            dot = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref vs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i), dot);
        }
        var scale = Vector256.Create(-beta * Vector256.Sum(dot));
        for (var i = from; i < length; i += width)
        {
            Simd.MultiplyAdd(scale, Vector256.LoadUnsafe(ref vs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        }
    }

    /// <summary><see cref="Reflect"/> on four consecutive columns (stride apart) at once.</summary>
    private static void Reflect4(ReadOnlySpan<T> v, Span<T> y, int stride, T beta, int from)
    {
        var width = Vector256<T>.Count;
        ref var vs = ref MemoryMarshal.GetReference(v);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        ref var y1 = ref Unsafe.Add(ref y0, stride);
        ref var y2 = ref Unsafe.Add(ref y0, 2 * stride);
        ref var y3 = ref Unsafe.Add(ref y0, 3 * stride);
        Vector256<T> d0 = default, d1 = default, d2 = default, d3 = default;
        for (var i = from; i < stride; i += width)
        {
            var vi = Vector256.LoadUnsafe(ref vs, (nuint)i);
            d0 = Simd.MultiplyAdd(vi, Vector256.LoadUnsafe(ref y0, (nuint)i), d0);
            d1 = Simd.MultiplyAdd(vi, Vector256.LoadUnsafe(ref y1, (nuint)i), d1);
            d2 = Simd.MultiplyAdd(vi, Vector256.LoadUnsafe(ref y2, (nuint)i), d2);
            d3 = Simd.MultiplyAdd(vi, Vector256.LoadUnsafe(ref y3, (nuint)i), d3);
        }
        var s0 = Vector256.Create(-beta * Vector256.Sum(d0));
        var s1 = Vector256.Create(-beta * Vector256.Sum(d1));
        var s2 = Vector256.Create(-beta * Vector256.Sum(d2));
        var s3 = Vector256.Create(-beta * Vector256.Sum(d3));
        for (var i = from; i < stride; i += width)
        {
            var at = (nuint)i;
            var vi = Vector256.LoadUnsafe(ref vs, at);
            Simd.MultiplyAdd(s0, vi, Vector256.LoadUnsafe(ref y0, at)).StoreUnsafe(ref y0, at);
            Simd.MultiplyAdd(s1, vi, Vector256.LoadUnsafe(ref y1, at)).StoreUnsafe(ref y1, at);
            Simd.MultiplyAdd(s2, vi, Vector256.LoadUnsafe(ref y2, at)).StoreUnsafe(ref y2, at);
            Simd.MultiplyAdd(s3, vi, Vector256.LoadUnsafe(ref y3, at)).StoreUnsafe(ref y3, at);
        }
    }
}
