using System.Numerics;

namespace Verified.Dense;

/// <summary>
/// A panel of Householder reflectors applied as one block reflector, in the compact-WY form of
/// LAPACK's dlarft (forward, columnwise) and dlarfb, on <see cref="HouseholderQr{T}"/>'s
/// transposed storage: row c of the storage, <c>stride</c> entries long, is column c of A.
/// <para>
/// With H_j = I − β_j v_j v_jᵀ (v_j unnormalised and zero above its entry j, β_j = 2/(v_jᵀv_j))
/// and V = [v_f … v_{f+b−1}] (n×b) for the panel's columns f … f+b−1,
/// H_f ⋯ H_{f+b−1} = I − V T Vᵀ with T b×b upper triangular: T_ii = β_i and, a column at a time,
/// T[0:i, i] = −β_i T[0:i, 0:i] V[:, 0:i]ᵀ v_i, since
/// (I − V T Vᵀ)(I − β v vᵀ) = I − [V v] [[T, −β T Vᵀv], [0, β]] [V v]ᵀ.
/// </para>
/// <para>
/// The storage holds a block C of later columns as Y = Cᵀ, one column a row. The factorisation
/// applies (H_f ⋯ H_{f+b−1})ᵀ = I − V Tᵀ Vᵀ, so C ← C − V Tᵀ Vᵀ C, that is Y ← Y − (Y V) T Vᵀ;
/// forming Q applies H_f ⋯ H_{f+b−1} itself, Y ← Y − (Y V) Tᵀ Vᵀ. Either is three
/// <see cref="Gemm"/> products: W = Y V (m×b), W ← −W T or −W Tᵀ, and Y += W Vᵀ.
/// </para>
/// <para>
/// V is copied into a workspace of its own as Vᵀ, b rows of <c>stride</c> entries with zeros
/// above each reflector's first entry (the storage holds R there), and the products run from the
/// panel's first entry rounded down to whole vectors, where every v_j still is zero. Each panel's T
/// is kept for forming Q. Every workspace is owned by the instance: no allocation per call.
/// </para>
/// </summary>
internal sealed class BlockReflector<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _stride;
    private readonly int _width;       // reflectors a panel (b ≤ width)
    private readonly AlignedArray<T> _v; // width rows of stride: row i is v_{f+i}, zero from entry _from up to entry f+i
    private readonly T[] _triangles;   // panel p's T, b×b row-major, at p·width²
    private readonly T[] _gram;        // b×b: (VᵀV)_il for l ≤ i
    private readonly T[] _product;     // m×b: −Y V
    private readonly T[] _scaled;      // m×b: −Y V T or −Y V Tᵀ
    private int _first;                // f: the loaded panel's first column
    private int _count;                // b: its reflectors
    private int _from;                 // f rounded down to whole vectors

    /// <summary>Workspace for panels of up to <paramref name="width"/> of the k reflectors of an n×k factorisation stored at <paramref name="stride"/>.</summary>
    public BlockReflector(int n, int k, int stride, int width)
    {
        (_n, _stride, _width) = (n, stride, width);
        _v = new AlignedArray<T>(width * stride);
        _triangles = new T[(k + width - 1) / width * width * width];
        _gram = new T[width * width];
        _product = new T[k * width];
        _scaled = new T[k * width];
    }

    /// <summary>Copies reflectors <paramref name="first"/> … <paramref name="end"/>−1 (v_j in row j from entry j on) into V, with zeros above each.</summary>
    public void Load(ReadOnlySpan<T> columns, int first, int end)
    {
        (_first, _count) = (first, end - first);
        _from = first / Simd.Width<T>() * Simd.Width<T>();
        for (var i = 0; i < _count; i++)
        {
            var row = _v.Span.Slice(i * _stride, _stride);
            var start = first + i;
            row[_from..start].Clear();
            columns.Slice((first + i) * _stride + start, _stride - start).CopyTo(row[start..]);
        }
    }

    /// <summary>T of the loaded panel from its β (indexed by column), kept for forming Q.</summary>
    public void FormTriangle(ReadOnlySpan<T> beta)
    {
        int b = _count, stride = _stride;
        var v = _v.Span[_from..];
        // Only the lower triangle of VᵀV: gram[i·b + l] = v_iᵀ v_l for l ≤ i, over entries _from … n−1.
        Gemm.MultiplyStrided<T>(v, stride, 1, v, 1, stride, _gram, b, b, _n - _from, b, accumulate: false, lowerOnly: true);
        var t = Triangle();
        t.Clear();
        for (var i = 0; i < b; i++)
        {
            var betaI = beta[_first + i];
            t[i * b + i] = betaI;
            // T[r, i] = −β_i Σ_{r ≤ l < i} T[r, l] (v_lᵀ v_i): T[0:i, 0:i] is upper triangular.
            for (var r = 0; r < i; r++)
            {
                var sum = T.Zero;
                for (var l = r; l < i; l++)
                {
                    sum = T.FusedMultiplyAdd(t[r * b + l], _gram[i * b + l], sum);
                }
                t[r * b + i] = -betaI * sum;
            }
        }
    }

    /// <summary>
    /// Rows <paramref name="first"/> … <paramref name="end"/>−1 of the storage (Y) ← Y − (Y V) T Vᵀ: the
    /// factorisation's (H_f ⋯ H_{f+b−1})ᵀ on those later columns of A.
    /// </summary>
    public void ApplyTransposed(Span<T> columns, int first, int end) => Update(columns, first, end, _from, transposeT: false);

    /// <summary>
    /// Rows <paramref name="first"/> … <paramref name="end"/>−1 of the storage (Y) ← Y − (Y V) Tᵀ Vᵀ: H_f ⋯ H_{f+b−1}
    /// on those already-formed columns of Q, which are zero above entry <paramref name="first"/>, so that Y V runs from there on.
    /// </summary>
    public void Apply(Span<T> columns, int first, int end) =>
        Update(columns, first, end, first / Simd.Width<T>() * Simd.Width<T>(), transposeT: true);

    /// <summary>Y ← Y − (Y V) T Vᵀ, or with Tᵀ, where Y V needs only entries <paramref name="innerFrom"/> on (≥ _from).</summary>
    private void Update(Span<T> columns, int first, int end, int innerFrom, bool transposeT)
    {
        int m = end - first, b = _count, stride = _stride;
        if (m == 0)
        {
            return;
        }
        var y = columns[(first * stride)..];
        var product = _product.AsSpan(0, m * b);
        var scaled = _scaled.AsSpan(0, m * b);
        // W = Y V: Y(r, l) at y[r·stride + l], V(l, j) at v[j·stride + l], both from entry innerFrom.
        Gemm.MultiplyStrided<T>(y[innerFrom..], stride, 1, _v.Span[innerFrom..], 1, stride, product, b, m, _n - innerFrom, b, accumulate: false);
        Blas.Scale(-T.One, product);
        if (transposeT)
        {
            Gemm.MultiplyTransposedB<T>(product, Triangle(), scaled, m, b, b, accumulate: false);
        }
        else
        {
            Gemm.Multiply<T>(product, Triangle(), scaled, m, b, b, accumulate: false);
        }
        // Y += (−W T) Vᵀ over entries _from … stride−1, Vᵀ(j, l) at v[j·stride + l]: zero before each v_j starts and in the padding.
        Gemm.MultiplyStrided<T>(scaled, b, 1, _v.Span[_from..], stride, 1, y[_from..], stride, m, b, stride - _from, accumulate: true);
    }

    /// <summary>The loaded panel's T, b×b row-major.</summary>
    private Span<T> Triangle() => _triangles.AsSpan(_first / _width * _width * _width, _count * _count);
}
