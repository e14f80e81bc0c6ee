using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Verified.Dense;

/// <summary>
/// Householder QR of a row-major n×k matrix (k ≤ n), thin form A = Q R with Q n×k orthonormal and
/// R k×k upper triangular with a positive diagonal (DESIGN.md: flip Q's columns and R's rows).
/// The factorisation works in place on Aᵀ, each column a contiguous run padded with zeros to a
/// whole number of SIMD vectors, as LAPACK's geqr2/org2r do: column j keeps R above its diagonal
/// and the reflector v_j from the diagonal down, and Q is then formed over the reflectors. One
/// n×k array is the whole working set, so it stays in the L1 cache. Reflections go two at a time
/// as whole-vector dot products and axpys; the one vector holding a reflector's first row is
/// masked so that the R entries above it count as zeros. The workspace is owned by the instance:
/// no allocation per call.
/// </summary>
public sealed class HouseholderQr<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _k;
    private readonly int _stride;     // n rounded up to whole vectors
    private readonly T[] _columns;    // k columns (stride _stride): R above the diagonal, v_j or Q's column j from it down
    private readonly T[] _beta;       // 2/(v_jᵀ v_j)
    private readonly T[] _alpha;      // R_jj before the sign fix
    private readonly Vector256<T>[] _fromLane; // _fromLane[l]: lanes l… set, so v_j's first vector is masked by _fromLane[j mod width]

    public HouseholderQr(int n, int k)
    {
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"QR needs 1 ≤ k ≤ n, got n={n}, k={k}");
        }
        var width = Vector256<T>.Count;
        (_n, _k, _stride) = (n, k, (n + width - 1) / width * width);
        _columns = new T[k * _stride];
        _beta = new T[k];
        _alpha = new T[k];
        _fromLane = new Vector256<T>[width + 1];
        for (var first = 0; first <= width; first++)
        {
            _fromLane[first] = Simd.LanesFrom<T>(first);
        }
    }

    /// <summary>Factorises <paramref name="a"/> (n×k) into <paramref name="q"/> (n×k) and <paramref name="r"/> (k×k).</summary>
    public void Factor(ReadOnlySpan<T> a, Span<T> q, Span<T> r)
    {
        int n = _n, k = _k, stride = _stride;
        Transposition.Transpose(a, k, _columns, stride, n, k);
        // Factorisation: reflectors in pairs, H_j on column j + 1 alone, then v_{j+1}, then both on the later columns in one pass.
        for (var j = 0; j < k; j++)
        {
            MakeReflector(j);
            if (j + 1 < k)
            {
                ReflectWithPair(j, -1, j + 1, j + 2);
                MakeReflector(j + 1);
                ReflectWithPair(j, j + 1, j + 2, k);
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
        // Q = H_0 ⋯ H_{k−1} [I_k; 0], from the last reflector back: the columns after j already hold
        // H_{j+1} ⋯ H_{k−1} e_c, so H_j acts on them, and column j turns from v_j into H_j e_j.
        var last = k - 1;
        if (k % 2 == 1)
        {
            FormBasisColumn(last);
            last--;
        }
        for (var j = last; j > 0; j -= 2)
        {
            ReflectWithPair(j, j - 1, j + 1, k);
            FormBasisColumn(j);
            ReflectWithPair(j - 1, -1, j, j + 1);
            FormBasisColumn(j - 1);
        }
        // Positive diagonal: flip row i of R and column i of Q where R_ii < 0.
        for (var i = 0; i < k; i++)
        {
            if (r[i * k + i] < T.Zero)
            {
                Blas.Scale(-T.One, r.Slice(i * k + i, k - i));
                Blas.Scale(-T.One, _columns.AsSpan(i * stride, n));
            }
        }
        Transposition.Transpose<T>(_columns, stride, q, k, k, n);
    }

    /// <summary>v_j = x + sign(x_0)‖x‖ e_0 over x = rows j..n−1 of column j, in place; R_jj = −sign(x_0)‖x‖; β_j = 2/(v_jᵀv_j).</summary>
    private void MakeReflector(int j)
    {
        var x = _columns.AsSpan(j * _stride + j, _n - j);
        var squared = Blas.Dot<T>(x, x);
        var x0 = x[0];
        var alpha = x0 >= T.Zero ? -T.Sqrt(squared) : T.Sqrt(squared);
        x[0] = x0 - alpha;
        var vv = x[0] * x[0] + (squared - x0 * x0);
        _beta[j] = vv > T.Zero ? (T.One + T.One) / vv : T.Zero;
        _alpha[j] = alpha;
    }

    /// <summary>Column j ← H_j e_j = e_j − β_j v_j(j) v_j, with zeros above row j (where R was).</summary>
    private void FormBasisColumn(int j)
    {
        var column = _columns.AsSpan(j * _stride, _stride);
        var scale = -_beta[j] * column[j];
        var diagonal = T.FusedMultiplyAdd(scale, column[j], T.One);
        column[..j].Clear();
        Blas.Scale(scale, column[j.._n]);
        column[j] = diagonal;
    }

    /// <summary>
    /// Columns first…last−1 ← H_b H_a columns in one pass (H_a alone when b &lt; 0): with d_a = v_aᵀy,
    /// d_b = v_bᵀy and τ = v_bᵀv_a, y −= c_a v_a + c_b v_b where c_a = β_a d_a and c_b = β_b (d_b − c_a τ).
    /// Both reflectors start within the first vector, which is masked; v_b is zero when b &lt; 0.
    /// </summary>
    private void ReflectWithPair(int a, int b, int first, int last)
    {
        if (first >= last)
        {
            return;
        }
        int stride = _stride, width = Vector256<T>.Count;
        var from = Math.Min(a, b < 0 ? a : b) / width * width;
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(_columns);
        ref var va = ref Unsafe.Add(ref a0, a * stride);
        ref var vb = ref Unsafe.Add(ref a0, Math.Max(b, 0) * stride);
        var headA = Vector256.LoadUnsafe(ref va, (nuint)from) & _fromLane[a - from];
        var headB = b < 0 ? Vector256<T>.Zero : Vector256.LoadUnsafe(ref vb, (nuint)from) & _fromLane[b - from];
        var pair = new Pair(from, stride, headA, headB, _beta[a], b < 0 ? T.Zero : _beta[b]);
        var tau = b < 0 ? T.Zero : Vector256.Sum(headA * headB) + DotTail(ref va, ref vb, from + width, stride);
        var c = first;
        for (; c + 4 <= last; c += 4)
        {
            pair.Reflect4(ref va, ref vb, ref Unsafe.Add(ref a0, c * stride), stride, tau);
        }
        for (; c + 2 <= last; c += 2)
        {
            pair.Reflect(ref va, ref vb, ref Unsafe.Add(ref a0, c * stride), stride, tau);
        }
        if (c < last)
        {
            pair.Reflect(ref va, ref vb, ref Unsafe.Add(ref a0, c * stride), 0, tau);
        }
    }

    private static T DotTail(ref T x, ref T y, int from, int length)
    {
        var sum = Vector256<T>.Zero;
        for (var i = from; i < length; i += Vector256<T>.Count)
        {
            sum = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref y, (nuint)i), sum);
        }
        return Vector256.Sum(sum);
    }

    /// <summary>Two reflectors from row <see cref="From"/> on, their first vectors already masked.</summary>
    private readonly record struct Pair(int From, int Length, Vector256<T> HeadA, Vector256<T> HeadB, T BetaA, T BetaB)
    {
        /// <summary>The pair reflection on four columns <paramref name="stride"/> apart: eight independent dot products hide the FMA latency.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reflect4(ref T va, ref T vb, ref T y0, int stride, T tau)
        {
            var width = Vector256<T>.Count;
            ref var y1 = ref Unsafe.Add(ref y0, stride);
            ref var y2 = ref Unsafe.Add(ref y0, 2 * stride);
            ref var y3 = ref Unsafe.Add(ref y0, 3 * stride);
            var head = (nuint)From;
            var u0 = Vector256.LoadUnsafe(ref y0, head);
            var u1 = Vector256.LoadUnsafe(ref y1, head);
            var u2 = Vector256.LoadUnsafe(ref y2, head);
            var u3 = Vector256.LoadUnsafe(ref y3, head);
            var (da0, db0, da1, db1) = (HeadA * u0, HeadB * u0, HeadA * u1, HeadB * u1);
            var (da2, db2, da3, db3) = (HeadA * u2, HeadB * u2, HeadA * u3, HeadB * u3);
            for (var i = From + width; i < Length; i += width)
            {
                var at = (nuint)i;
                var x = Vector256.LoadUnsafe(ref va, at);
                var z = Vector256.LoadUnsafe(ref vb, at);
                u0 = Vector256.LoadUnsafe(ref y0, at);
                u1 = Vector256.LoadUnsafe(ref y1, at);
                u2 = Vector256.LoadUnsafe(ref y2, at);
                u3 = Vector256.LoadUnsafe(ref y3, at);
                da0 = Simd.MultiplyAdd(x, u0, da0);
                db0 = Simd.MultiplyAdd(z, u0, db0);
                da1 = Simd.MultiplyAdd(x, u1, da1);
                db1 = Simd.MultiplyAdd(z, u1, db1);
                da2 = Simd.MultiplyAdd(x, u2, da2);
                db2 = Simd.MultiplyAdd(z, u2, db2);
                da3 = Simd.MultiplyAdd(x, u3, da3);
                db3 = Simd.MultiplyAdd(z, u3, db3);
            }
            var (sa0, sb0) = Coefficients(da0, db0, tau);
            var (sa1, sb1) = Coefficients(da1, db1, tau);
            var (sa2, sb2) = Coefficients(da2, db2, tau);
            var (sa3, sb3) = Coefficients(da3, db3, tau);
            Simd.MultiplyAdd(sb0, HeadB, Simd.MultiplyAdd(sa0, HeadA, Vector256.LoadUnsafe(ref y0, head))).StoreUnsafe(ref y0, head);
            Simd.MultiplyAdd(sb1, HeadB, Simd.MultiplyAdd(sa1, HeadA, Vector256.LoadUnsafe(ref y1, head))).StoreUnsafe(ref y1, head);
            Simd.MultiplyAdd(sb2, HeadB, Simd.MultiplyAdd(sa2, HeadA, Vector256.LoadUnsafe(ref y2, head))).StoreUnsafe(ref y2, head);
            Simd.MultiplyAdd(sb3, HeadB, Simd.MultiplyAdd(sa3, HeadA, Vector256.LoadUnsafe(ref y3, head))).StoreUnsafe(ref y3, head);
            for (var i = From + width; i < Length; i += width)
            {
                var at = (nuint)i;
                var x = Vector256.LoadUnsafe(ref va, at);
                var z = Vector256.LoadUnsafe(ref vb, at);
                Simd.MultiplyAdd(sb0, z, Simd.MultiplyAdd(sa0, x, Vector256.LoadUnsafe(ref y0, at))).StoreUnsafe(ref y0, at);
                Simd.MultiplyAdd(sb1, z, Simd.MultiplyAdd(sa1, x, Vector256.LoadUnsafe(ref y1, at))).StoreUnsafe(ref y1, at);
                Simd.MultiplyAdd(sb2, z, Simd.MultiplyAdd(sa2, x, Vector256.LoadUnsafe(ref y2, at))).StoreUnsafe(ref y2, at);
                Simd.MultiplyAdd(sb3, z, Simd.MultiplyAdd(sa3, x, Vector256.LoadUnsafe(ref y3, at))).StoreUnsafe(ref y3, at);
            }
        }

        /// <summary>The broadcast −c_a and −c_b of one column from its two dot-product accumulators.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private (Vector256<T> MinusCa, Vector256<T> MinusCb) Coefficients(Vector256<T> da, Vector256<T> db, T tau)
        {
            var ca = BetaA * Vector256.Sum(da);
            var cb = BetaB * (Vector256.Sum(db) - ca * tau);
            return (Vector256.Create(-ca), Vector256.Create(-cb));
        }

        /// <summary>The pair reflection on two columns <paramref name="stride"/> apart (on one column when the stride is 0).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reflect(ref T va, ref T vb, ref T y0, int stride, T tau)
        {
            var width = Vector256<T>.Count;
            ref var y1 = ref Unsafe.Add(ref y0, stride);
            var head = (nuint)From;
            var u0 = Vector256.LoadUnsafe(ref y0, head);
            var u1 = Vector256.LoadUnsafe(ref y1, head);
            var da0 = HeadA * u0;
            var db0 = HeadB * u0;
            var da1 = HeadA * u1;
            var db1 = HeadB * u1;
            for (var i = From + width; i < Length; i += width)
            {
                var at = (nuint)i;
                var x = Vector256.LoadUnsafe(ref va, at);
                var z = Vector256.LoadUnsafe(ref vb, at);
                u0 = Vector256.LoadUnsafe(ref y0, at);
                u1 = Vector256.LoadUnsafe(ref y1, at);
                da0 = Simd.MultiplyAdd(x, u0, da0);
                db0 = Simd.MultiplyAdd(z, u0, db0);
                da1 = Simd.MultiplyAdd(x, u1, da1);
                db1 = Simd.MultiplyAdd(z, u1, db1);
            }
            var (sa0, sb0) = Coefficients(da0, db0, tau);
            var (sa1, sb1) = Coefficients(da1, db1, tau);
            Simd.MultiplyAdd(sb0, HeadB, Simd.MultiplyAdd(sa0, HeadA, Vector256.LoadUnsafe(ref y0, head))).StoreUnsafe(ref y0, head);
            if (stride != 0)
            {
                Simd.MultiplyAdd(sb1, HeadB, Simd.MultiplyAdd(sa1, HeadA, Vector256.LoadUnsafe(ref y1, head))).StoreUnsafe(ref y1, head);
            }
            for (var i = From + width; i < Length; i += width)
            {
                var at = (nuint)i;
                var x = Vector256.LoadUnsafe(ref va, at);
                var z = Vector256.LoadUnsafe(ref vb, at);
                Simd.MultiplyAdd(sb0, z, Simd.MultiplyAdd(sa0, x, Vector256.LoadUnsafe(ref y0, at))).StoreUnsafe(ref y0, at);
                if (stride != 0)
                {
                    Simd.MultiplyAdd(sb1, z, Simd.MultiplyAdd(sa1, x, Vector256.LoadUnsafe(ref y1, at))).StoreUnsafe(ref y1, at);
                }
            }
        }
    }
}
