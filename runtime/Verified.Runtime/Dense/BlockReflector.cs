using System.Numerics;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>
/// The compact WY form of a panel of Householder reflectors (Schreiber &amp; Van Loan 1989; LAPACK's
/// dlarft and dlarfb): H_j ⋯ H_{e−1} = I − V T Vᵀ with V = [v_j … v_{e−1}] (zeros above each
/// reflector's first row) and T upper triangular, T_ii = β_i and T(0:i, i) = −β_i T(0:i, 0:i) Vᵀ v_i.
/// Applied to the later columns C of the factorisation, as Cᵀ ← Cᵀ − (Cᵀ V) T Vᵀ (and with Tᵀ when
/// Q is formed), the panel costs three products, so that most of a large QR's flops run in the
/// <see cref="PackedKernel"/> micro-kernel and on the run's threads. Works on the column-major
/// workspace of <see cref="HouseholderQr{T}"/>: column c at <c>columns[c·stride]</c>.
/// The workspaces are owned by the instance: no allocation per factorisation.
/// </summary>
internal sealed class BlockReflector<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private readonly int _stride;
    private readonly int _width;          // reflectors a panel
    private readonly AlignedArray<T> _v;  // the panel's reflectors as rows (width × stride), from the panel's first row on
    private readonly T[] _minusT;         // −T of every panel, width × width each, row-major
    private readonly T[] _gram;           // VᵀV of the panel being built
    private readonly AlignedArray<T> _w;  // CᵀV: later columns × width
    private readonly AlignedArray<T> _wt; // CᵀV (−T) or CᵀV (−Tᵀ)

    public BlockReflector(int n, int k, int stride, int width)
    {
        (_n, _stride, _width) = (n, stride, width);
        _v = new AlignedArray<T>(width * stride);
        _minusT = new T[(k + width - 1) / width * width * width];
        _gram = new T[width * width];
        _w = new AlignedArray<T>(k * width);
        _wt = new AlignedArray<T>(k * width);
    }

    /// <summary>T of the panel of reflectors <paramref name="first"/> … <paramref name="end"/>−1 (β in <paramref name="beta"/>), kept for <see cref="Apply"/>.</summary>
    public void Build(Span<T> columns, ReadOnlySpan<T> beta, int first, int end)
    {
        var count = end - first;
        var length = _n - first;
        LoadReflectors(columns, first, end);
        ref var v = ref MemoryMarshal.GetReference(_v.Span);
        PackedKernel.Multiply(ref v, _stride, 1, ref v, 1, _stride, ref _gram[0], count, count, length, count, accumulate: false, lowerOnly: false);
        var minusT = _minusT.AsSpan(first / _width * _width * _width, _width * _width);
        minusT.Clear();
        for (var i = 0; i < count; i++)
        {
            // Column i of −T: −β_i on the diagonal, above it −β_i (−T(0:i, 0:i)) (VᵀV)(0:i, i).
            minusT[i * _width + i] = -beta[first + i];
            for (var r = 0; r < i; r++)
            {
                var sum = T.Zero;
                for (var c = r; c < i; c++)
                {
                    sum += minusT[r * _width + c] * _gram[c * count + i];
                }
                minusT[r * _width + i] = -beta[first + i] * sum;
            }
        }
    }

    /// <summary>
    /// Columns <paramref name="end"/> … <paramref name="k"/>−1, rows <paramref name="first"/> on, ←
    /// (I − V Tᵀ Vᵀ) C while factorising (<paramref name="forming"/> false: H_{e−1} ⋯ H_first C), or
    /// (I − V T Vᵀ) C while forming Q (H_first ⋯ H_{e−1} C); the panel's T from <see cref="Build"/>.
    /// </summary>
    public void Apply(Span<T> columns, int first, int end, int k, bool forming)
    {
        var (count, later, length) = (end - first, k - end, _n - first);
        if (later <= 0)
        {
            return;
        }
        if (forming)
        {
            LoadReflectors(columns, first, end);
        }
        ref var c = ref columns[end * _stride + first];
        ref var v = ref MemoryMarshal.GetReference(_v.Span);
        ref var w = ref MemoryMarshal.GetReference(_w.Span);
        ref var wt = ref MemoryMarshal.GetReference(_wt.Span);
        ref var minusT = ref _minusT[first / _width * _width * _width];
        PackedKernel.Multiply(ref c, _stride, 1, ref v, 1, _stride, ref w, count, later, length, count, accumulate: false, lowerOnly: false);
        // CᵀV (−T): B(l, i) = −T(l, i); forming, CᵀV (−Tᵀ): B(l, i) = −T(i, l).
        PackedKernel.Multiply(ref w, count, 1, ref minusT, forming ? 1 : _width, forming ? _width : 1, ref wt, count, later, count, count, accumulate: false, lowerOnly: false);
        PackedKernel.Multiply(ref wt, count, 1, ref v, _stride, 1, ref c, _stride, later, count, length, accumulate: true, lowerOnly: false);
    }

    /// <summary>Reflectors first … end−1 as rows of V from row <paramref name="first"/> on, zeros above each one's first row (where the column holds R).</summary>
    private void LoadReflectors(ReadOnlySpan<T> columns, int first, int end)
    {
        var v = _v.Span;
        var length = _n - first;
        for (var i = 0; i < end - first; i++)
        {
            var row = v.Slice(i * _stride, length);
            row[..i].Clear();
            columns.Slice((first + i) * _stride + first + i, length - i).CopyTo(row[i..]);
        }
    }
}
