using System.Numerics;
using System.Runtime.InteropServices;
using Verified.Dense.Threading;

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
        // VᵀV on this thread: its few rows (one per reflector) against the whole height ran slower shared (512², two threads).
        PackedKernel.Multiply(ref v, _stride, 1, ref v, 1, _stride, ref _gram[0], count, count, length, count, accumulate: false, lowerOnly: false, mayShare: false);
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

    /// <summary>Work on a panel's own columns that <see cref="Apply"/> runs beside its products on the later columns.</summary>
    internal interface IPanelWork
    {
        void Run();
    }

    /// <summary>
    /// Columns <paramref name="end"/> … <paramref name="k"/>−1, rows <paramref name="first"/> on, ←
    /// (I − V Tᵀ Vᵀ) C while factorising (<paramref name="forming"/> false: H_{e−1} ⋯ H_first C), or
    /// (I − V T Vᵀ) C while forming Q (H_first ⋯ H_{e−1} C); the panel's T from <see cref="Build"/>.
    /// The later columns go in chunks through all three products, so that a chunk read for CᵀV is still in
    /// the L2 cache when it is updated, and the chunks share out over the run's team: each element of W and of C
    /// is the same FMA chain as in one product over all the columns, on any thread. The first chunk is the next
    /// panel's columns; while factorising, <paramref name="panel"/> (the next panel's reflectors and T) runs right
    /// after that chunk, and while forming (this panel's own columns of Q) as a chunk of its own, so that on a team
    /// the panels' level-2 work overlaps the later columns' products instead of waiting between them (LAPACK's
    /// look-ahead). The panel work touches only its panel's columns, which no other chunk uses; it may overwrite
    /// _v, _gram and the next panel's T meanwhile, so the column chunks read V and −T only through their packed copies.
    /// </summary>
    public void Apply(Span<T> columns, int first, int end, int k, bool forming, IPanelWork? panel = null)
    {
        var (count, later, length) = (end - first, k - end, _n - first);
        if (later <= 0)
        {
            panel?.Run();
            return;
        }
        if (forming)
        {
            LoadReflectors(columns, first, end);
        }
        // V packed once for both products with it, −T (or −Tᵀ) once for the one between: B(l, i) = −T(l, i), forming −T(i, l).
        ref var v = ref MemoryMarshal.GetReference(_v.Span);
        _vForW.Pack(ref v, 1, _stride, length, count);
        _vForC.Pack(ref v, _stride, 1, count, length);
        _minusTPacked.Pack(ref _minusT[first / _width * _width * _width], forming ? 1 : _width, forming ? _width : 1, count, count);
        var chunks = ChunkCount(later);
        if (DenseThreads.Team is { } team && chunks >= 2 && (long)later * count * length >= PackedKernel.ParallelFromMultiplyAdds)
        {
            _chunks.Run(team, this, columns, first, end, k, chunks, forming, panel);
            return;
        }
        ApplyToChunks(columns, first, end, k, 0, chunks);
        panel?.Run();
    }

    /// <summary>
    /// Later columns a chunk of <see cref="Apply"/> after the first (which holds the next panel's columns): a multiple
    /// of every micro-kernel's rows (4, 6, 8, 12, 16), and at n = 1024 in double 384 KB, which stays in a 1 MB L2 cache
    /// beside the packed V. The chunks, not the threads, fix the work, so the factors do not depend on the team's size.
    /// </summary>
    private const int ChunkColumns = 48;

    /// <summary>Chunks of <paramref name="later"/> columns: the next panel's, then <see cref="ChunkColumns"/> at a time.</summary>
    private int ChunkCount(int later) => later <= _width ? 1 : 1 + (later - _width + ChunkColumns - 1) / ChunkColumns;

    /// <summary>Chunks <paramref name="fromChunk"/> … <paramref name="toChunk"/>−1 of the later columns through W = CᵀV, W(−T) and C += (W(−T)) Vᵀ.</summary>
    private void ApplyToChunks(Span<T> columns, int first, int end, int k, int fromChunk, int toChunk)
    {
        var count = end - first;
        for (var chunk = fromChunk; chunk < toChunk; chunk++)
        {
            var from = chunk == 0 ? 0 : _width + (chunk - 1) * ChunkColumns;
            var width = Math.Min(chunk == 0 ? _width : ChunkColumns, k - end - from);
            ref var c = ref columns[(end + from) * _stride + first];
            ref var w = ref _w.Span[from * count];
            ref var wt = ref _wt.Span[from * count];
            PackedKernel.MultiplyPacked(ref c, _stride, 1, _vForW, ref w, count, width, accumulate: false);
            PackedKernel.MultiplyPacked(ref w, count, 1, _minusTPacked, ref wt, count, width, accumulate: false);
            PackedKernel.MultiplyPacked(ref wt, count, 1, _vForC, ref c, _stride, width, accumulate: true);
        }
    }

    /// <summary>
    /// <see cref="Apply"/>'s chunks over a <see cref="WorkerTeam"/>: the workspace is pinned (<see cref="AlignedArray{T}"/>) and
    /// reached through a pointer while the team runs; W and W(−T) are written a chunk's own rows at a time. Factorising,
    /// chunk 0 goes on to the panel work; forming, the panel work is chunk 0 and the column chunks follow it.
    /// </summary>
    private sealed unsafe class ChunksOnTeam : IChunkedWork
    {
        private BlockReflector<T>? _owner;
        private IPanelWork? _panel;
        private T* _columns;
        private int _length, _first, _end, _k;
        private bool _forming;

        public void Run(WorkerTeam team, BlockReflector<T> owner, Span<T> columns, int first, int end, int k, int chunks, bool forming, IPanelWork? panel)
        {
            fixed (T* pointer = columns)
            {
                _columns = pointer;
                (_owner, _length, _first, _end, _k, _forming, _panel) = (owner, columns.Length, first, end, k, forming, panel);
                try
                {
                    team.Run(this, chunks + (forming && panel is not null ? 1 : 0));
                }
                finally
                {
                    (_owner, _panel) = (null, null);
                    _columns = null;
                }
            }
        }

        public void Run(int chunk)
        {
            if (_forming && _panel is { } alongside)
            {
                if (chunk == 0)
                {
                    alongside.Run();
                    return;
                }
                chunk--;
            }
            _owner!.ApplyToChunks(new Span<T>(_columns, _length), _first, _end, _k, chunk, chunk + 1);
            if (chunk == 0 && !_forming)
            {
                _panel?.Run();
            }
        }
    }

    private readonly ChunksOnTeam _chunks = new();
    private readonly PackedOperand<T> _vForW = new();       // V as B of W = CᵀV: B(l, i) = v_i(l)
    private readonly PackedOperand<T> _vForC = new();       // V as B of C += W(−T) Vᵀ: B(i, l) = v_i(l)
    private readonly PackedOperand<T> _minusTPacked = new(); // −T, or −Tᵀ while forming

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
