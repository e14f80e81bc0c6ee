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
            MakeReflector(j);
            if (j + 1 < k)
            {
                // H_j on column j + 1 alone, then v_{j+1}, then both reflections on the later columns in one pass.
                Reflect(_reflectors.AsSpan(j * stride, stride), _columns.AsSpan((j + 1) * stride, stride), _beta[j], j / width * width);
                MakeReflector(j + 1);
                ReflectColumnsWithPair(j, j + 1, _columns, j + 2, k);
                j++;
            }
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
        var last = k - 1;
        if (k % 2 == 1)
        {
            ReflectColumns(_reflectors.AsSpan(last * stride, stride), _basis, last, k, _beta[last], last / width * width);
            last--;
        }
        for (var j = last; j > 0; j -= 2)
        {
            // H_{j−1} H_j: H_j first, on the columns from j − 1 on.
            ReflectColumnsWithPair(j, j - 1, _basis, j - 1, k);
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

    /// <summary>v_j = x + sign(x_0)‖x‖ e_0 on rows j..n−1 of column j; R_jj = −sign(x_0)‖x‖; β_j = 2/(v_jᵀv_j).</summary>
    private void MakeReflector(int j)
    {
        int n = _n, stride = _stride;
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
    }

    /// <summary>
    /// Columns first…last−1 ← H_b H_a columns in one pass: with d_a = v_aᵀy, d_b = v_bᵀy and τ = v_bᵀv_a,
    /// y −= c_a v_a + c_b v_b where c_a = β_a d_a and c_b = β_b (d_b − c_a τ).
    /// </summary>
    private void ReflectColumnsWithPair(int a, int b, T[] matrix, int first, int last)
    {
        var stride = _stride;
        var width = Vector256<T>.Count;
        var va = _reflectors.AsSpan(a * stride, stride);
        var vb = _reflectors.AsSpan(b * stride, stride);
        var from = Math.Min(a, b) / width * width;
        var tau = Blas.Dot<T>(vb[from..], va[from..]);
        var c = first;
        for (; c + 2 <= last; c += 2)
        {
            ReflectPair2(va, vb, matrix.AsSpan(c * stride, 2 * stride), stride, _beta[a], _beta[b], tau, from);
        }
        for (; c < last; c++)
        {
            ReflectPair2(va, vb, matrix.AsSpan(c * stride, stride), 0, _beta[a], _beta[b], tau, from);
        }
    }

    /// <summary>The pair reflection on two columns <paramref name="stride"/> apart (or one column when the stride is 0).</summary>
    private static void ReflectPair2(ReadOnlySpan<T> va, ReadOnlySpan<T> vb, Span<T> y, int stride, T betaA, T betaB, T tau, int from)
    {
        var width = Vector256<T>.Count;
        var length = va.Length;
        ref var a0 = ref MemoryMarshal.GetReference(va);
        ref var b0 = ref MemoryMarshal.GetReference(vb);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        ref var y1 = ref Unsafe.Add(ref y0, stride);
        Vector256<T> da0 = default, db0 = default, da1 = default, db1 = default;
        for (var i = from; i < length; i += width)
        {
            var at = (nuint)i;
            var x = Vector256.LoadUnsafe(ref a0, at);
            var z = Vector256.LoadUnsafe(ref b0, at);
            var u0 = Vector256.LoadUnsafe(ref y0, at);
            var u1 = Vector256.LoadUnsafe(ref y1, at);
            da0 = Simd.MultiplyAdd(x, u0, da0);
            db0 = Simd.MultiplyAdd(z, u0, db0);
            da1 = Simd.MultiplyAdd(x, u1, da1);
            db1 = Simd.MultiplyAdd(z, u1, db1);
        }
        var ca0 = betaA * Vector256.Sum(da0);
        var cb0 = betaB * (Vector256.Sum(db0) - ca0 * tau);
        var ca1 = betaA * Vector256.Sum(da1);
        var cb1 = betaB * (Vector256.Sum(db1) - ca1 * tau);
        var (sa0, sb0, sa1, sb1) = (Vector256.Create(-ca0), Vector256.Create(-cb0), Vector256.Create(-ca1), Vector256.Create(-cb1));
        for (var i = from; i < length; i += width)
        {
            var at = (nuint)i;
            var x = Vector256.LoadUnsafe(ref a0, at);
            var z = Vector256.LoadUnsafe(ref b0, at);
            Simd.MultiplyAdd(sb0, z, Simd.MultiplyAdd(sa0, x, Vector256.LoadUnsafe(ref y0, at))).StoreUnsafe(ref y0, at);
            if (stride != 0)
            {
                Simd.MultiplyAdd(sb1, z, Simd.MultiplyAdd(sa1, x, Vector256.LoadUnsafe(ref y1, at))).StoreUnsafe(ref y1, at);
            }
        }
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
