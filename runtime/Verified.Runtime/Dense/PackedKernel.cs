using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Verified.Dense.Threading;

namespace Verified.Dense;

/// <summary>
/// The core of every <see cref="Gemm"/> product: C (m×n) (+)= A·B with A(i, l) at
/// a[i·aRow + l·aCol] and B(l, j) at b[l·bRow + j·bCol], so that either operand may be transposed
/// at no cost to the caller. B is first packed, as BLIS does, into strips of nr columns stored
/// l-major (p × nr, zero-padded past column n), so that the micro-kernel reads it as one
/// contiguous stream whatever B's layout (a small B with contiguous rows, which stays in L1
/// anyway, is read in place but for its partial last strip); A is read in place through its strides when
/// its rows are contiguous, and, stored transposed, gathered block by block into l-major mr × p panels. The micro-kernel
/// keeps an mr × nr block of C in twelve vector accumulators: 6 rows × 2 vectors on 16-register
/// AVX2 (two rows of B and one broadcast fill the other three registers; 4 × 3 spilled an
/// accumulator through memory there), 4 rows × 3 vectors on 32-register AVX-512, and 12 rows × 1
/// vector when C is only that wide, as a training batch is (16 × 1 and 8 × 2 in sixteen accumulators on AVX-512). A last partial
/// row block is computed over the final mr rows and stored only in its new rows; columns past n
/// are never stored. The packed strips and panels live in per-thread buffers from a cache line: no allocation per call.
/// </summary>
internal static partial class PackedKernel
{
    /// <summary>
    /// Fewest strips of B over which a block of Aᵀ is gathered: the gathering costs about a strip's
    /// worth of loads, so over 16 strips (Wᵀ·Ū at n = 256, k = 128) it made the product 12 % faster,
    /// while over 2 (Wᵀ·h̄ for a training batch of 16) it made the whole training epoch 9 % slower.
    /// </summary>
    private const int PackRowsFromStrips = 4;

    /// <summary>Largest B read in place rather than packed: half of a 32 KB L1 data cache.</summary>
    private const int InPlaceBytes = 16 << 10;

    /// <summary>The per-thread packing buffers of one element type (a thread that multiplies in both types keeps both).</summary>
    private static class Buffers<T> where T : unmanaged
    {
        [ThreadStatic]
        public static AlignedArray<T>? Strips;

        [ThreadStatic]
        public static AlignedArray<T>? Rows;
    }

    /// <summary>
    /// C (+)= A·B on the widest vectors this CPU runs natively (scalar when it has none), C(i, j) at
    /// c[i·<paramref name="cRow"/> + j]; only blocks touching j ≤ i when <paramref name="lowerOnly"/>; over the thread's team when large, unless not <paramref name="mayShare"/>.
    /// </summary>
    public static void Multiply<T>(ref T a0, int aRow, int aCol, ref T b0, int bRow, int bCol, ref T c0, int cRow,
        int m, int p, int n, bool accumulate, bool lowerOnly, bool mayShare = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }
        if (Simd.Wide)
        {
            Multiply<T, Vector512<T>, Lanes512<T>>(ref a0, aRow, aCol, ref b0, bRow, bCol, ref c0, cRow, m, p, n, accumulate, lowerOnly, mayShare);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Multiply<T, Vector256<T>, Lanes256<T>>(ref a0, aRow, aCol, ref b0, bRow, bCol, ref c0, cRow, m, p, n, accumulate, lowerOnly, mayShare);
        }
        else
        {
            Scalar(ref a0, aRow, aCol, ref b0, bRow, bCol, ref c0, cRow, m, p, n, accumulate, lowerOnly);
        }
    }

    private static void Multiply<T, TV, TOps>(ref T a0, int aRow, int aCol, ref T b0, int bRow, int bCol, ref T c0, int cRow,
        int m, int p, int n, bool accumulate, bool lowerOnly, bool mayShare)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var vectors = Vectors<T, TV, TOps>(n);
        var nr = vectors * TOps.Count;
        var strips = (n + nr - 1) / nr;
        // A small B with contiguous rows is read in place (it stays in L1 anyway); only a partial last strip is packed, for its zeros.
        var inPlace = bCol == 1 && (long)p * n * Unsafe.SizeOf<T>() <= InPlaceBytes;
        ref var packed = ref Pack<T, TV, TOps>(ref b0, bRow, bCol, p, n, nr, strips, inPlace, ref StripsBuffer<T>(strips * p * nr));
        Compute<T, TV, TOps>(ref a0, aRow, aCol, ref b0, bRow, ref packed, inPlace, ref c0, cRow, m, p, n, accumulate, lowerOnly, vectors, mayShare);
    }

    /// <summary>
    /// C (+)= A·B against a B already packed (<paramref name="packed"/>, or read in place where <paramref name="inPlace"/>):
    /// row by row below one block, else in row blocks, over the thread's team when <paramref name="mayShare"/> and large enough.
    /// </summary>
    private static void Compute<T, TV, TOps>(ref T a0, int aRow, int aCol, ref T b0, int bRow, ref T packed, bool inPlace, ref T c0, int cRow,
        int m, int p, int n, bool accumulate, bool lowerOnly, int vectors, bool mayShare)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var (mr, nr) = (RowsPerBlock<T, TV, TOps>(vectors), vectors * TOps.Count);
        if (m < mr)
        {
            for (var row = 0; row < m; row++)
            {
                var columns = lowerOnly ? Math.Min(n, row + 1) : n;
                for (var strip = 0; strip * nr < columns; strip++)
                {
                    var direct = inPlace && (strip + 1) * nr <= n;
                    Row<T, TV, TOps>(ref Unsafe.Add(ref a0, row * aRow), aCol,
                        ref direct ? ref Unsafe.Add(ref b0, strip * nr) : ref Unsafe.Add(ref packed, strip * p * nr), direct ? bRow : nr, p,
                        ref c0, row * cRow + strip * nr, Math.Min(nr, n - strip * nr), accumulate, vectors);
                }
            }
            return;
        }
        var blocks = (m + mr - 1) / mr;
        if (mayShare && DenseThreads.Team is { } team && blocks >= 2 && (long)m * n * p >= ParallelFromMultiplyAdds)
        {
            // Rows of C in chunks of whole blocks over the team; every element is the same FMA chain whoever computes it.
            RowBlocksOnTeam<T, TV, TOps>.Run(team, ref a0, aRow, aCol, ref b0, bRow, ref packed, inPlace, ref c0, cRow, m, p, n, accumulate, lowerOnly, vectors, blocks);
            return;
        }
        RowBlocks<T, TV, TOps>(ref a0, aRow, aCol, ref b0, bRow, ref packed, inPlace, ref c0, cRow, m, p, n, accumulate, lowerOnly, vectors, 0, blocks);
    }

    /// <summary>
    /// C (+)= A·B on this thread against a B packed once by <see cref="PackedOperand{T}.Pack"/>, for the many products of
    /// one B that a caller cuts into its own chunks (a block reflector's later columns): each element of C is the
    /// FMA chain <see cref="Multiply{T}"/> computes, without packing B again.
    /// </summary>
    public static void MultiplyPacked<T>(ref T a0, int aRow, int aCol, PackedOperand<T> b, ref T c0, int cRow, int m, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || b.Columns == 0)
        {
            return;
        }
        ref var packed = ref MemoryMarshal.GetReference(b.Strips);
        if (Simd.Wide)
        {
            Compute<T, Vector512<T>, Lanes512<T>>(ref a0, aRow, aCol, ref packed, 0, ref packed, false, ref c0, cRow, m, b.Rows, b.Columns, accumulate, false,
                Vectors<T, Vector512<T>, Lanes512<T>>(b.Columns), mayShare: false);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Compute<T, Vector256<T>, Lanes256<T>>(ref a0, aRow, aCol, ref packed, 0, ref packed, false, ref c0, cRow, m, b.Rows, b.Columns, accumulate, false,
                Vectors<T, Vector256<T>, Lanes256<T>>(b.Columns), mayShare: false);
        }
        else
        {
            // No vectors: B was copied row-major (p × n), as the scalar product reads it.
            Scalar(ref a0, aRow, aCol, ref packed, b.Columns, 1, ref c0, cRow, m, b.Rows, b.Columns, accumulate, false);
        }
    }

    /// <summary>Elements B (p×n) takes packed at the vector width in use (p·n, row-major, without vectors).</summary>
    internal static int PackedLength<T>(int p, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        Simd.Wide ? PackedLength<T, Vector512<T>, Lanes512<T>>(p, n)
        : Vector256.IsHardwareAccelerated ? PackedLength<T, Vector256<T>, Lanes256<T>>(p, n)
        : p * n;

    private static int PackedLength<T, TV, TOps>(int p, int n) where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var nr = Vectors<T, TV, TOps>(n) * TOps.Count;
        return (n + nr - 1) / nr * p * nr;
    }

    /// <summary>Packs all of B (p×n, B(l, j) at b[l·bRow + j·bCol]) into <paramref name="packed"/> (<see cref="PackedLength{T}"/> elements) at the vector width in use.</summary>
    internal static void PackInto<T>(ref T b0, int bRow, int bCol, int p, int n, ref T packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Simd.Wide)
        {
            PackInto<T, Vector512<T>, Lanes512<T>>(ref b0, bRow, bCol, p, n, ref packed);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            PackInto<T, Vector256<T>, Lanes256<T>>(ref b0, bRow, bCol, p, n, ref packed);
        }
        else
        {
            for (var l = 0; l < p; l++)
            {
                for (var j = 0; j < n; j++)
                {
                    Unsafe.Add(ref packed, l * n + j) = Unsafe.Add(ref b0, l * bRow + j * bCol);
                }
            }
        }
    }

    private static void PackInto<T, TV, TOps>(ref T b0, int bRow, int bCol, int p, int n, ref T packed)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var nr = Vectors<T, TV, TOps>(n) * TOps.Count;
        Pack<T, TV, TOps>(ref b0, bRow, bCol, p, n, nr, (n + nr - 1) / nr, inPlace: false, ref packed);
    }

    /// <summary>This thread's packing buffer for B, at least <paramref name="length"/> elements.</summary>
    private static ref T StripsBuffer<T>(int length) where T : unmanaged
    {
        if (Buffers<T>.Strips is not { } buffer || buffer.Span.Length < length)
        {
            buffer = new AlignedArray<T>(Math.Max(length, 4096));
            Buffers<T>.Strips = buffer;
        }
        return ref MemoryMarshal.GetReference(buffer.Span);
    }

    /// <summary>
    /// Rows mr of a micro-kernel's block of C, nr / width = <paramref name="vectors"/> vectors wide: twelve vector accumulators
    /// (4 × 3, 6 × 2, 12 × 1), or sixteen for a C one or two vectors wide on 32-register AVX-512 (8 × 2, 16 × 1), where a
    /// training batch of 16 fills 80 rows with whole blocks instead of computing 84 and more accumulators hide the
    /// broadcasts' latency.
    /// </summary>
    private static int RowsPerBlock<T, TV, TOps>(int vectors) where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T> =>
        vectors == 3 ? 4 : (TOps.ManyRegisters ? 16 : 12) / vectors;

    /// <summary>
    /// Vectors across a block of C (nr / width): three on AVX-512 and two on AVX2, fewer for a C at most one or two vectors
    /// wide, which a wider block would fill with zeros (a training batch of 16 is one vector of floats on AVX-512, where
    /// 4 × 3 vectors computed 48 columns for 16); the rows per block (<see cref="RowsPerBlock{T, TV, TOps}"/>) grow as they
    /// shrink. Every element of C is the same FMA chain over l whatever the block's shape.
    /// </summary>
    private static int Vectors<T, TV, TOps>(int n) where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T> =>
        n <= TOps.Count ? 1 : n <= 2 * TOps.Count || !TOps.ManyRegisters ? 2 : 3;

    /// <summary>
    /// Products of at least this many multiply–adds (m·n·p) are shared over the thread's team: where two threads
    /// start to pay (`Verified.Benchmarks gemm-threads`, AMD EPYC Zen 5, AVX-512, the team waiting awake: 101³, 1.0 M,
    /// 21.7 µs alone, 1.02× on two threads; 128³ 1.65×; docs/performance.md).
    /// </summary>
    internal const long ParallelFromMultiplyAdds = 1 << 20;

    /// <summary>
    /// Row blocks <paramref name="fromBlock"/> … <paramref name="toBlock"/>−1 of C (mr rows each) against every strip of B; the
    /// last block of C starts mr rows from the end and stores only the rows the one before it did not.
    /// </summary>
    private static void RowBlocks<T, TV, TOps>(ref T a0, int aRow, int aCol, ref T b0, int bRow, ref T packed, bool inPlace, ref T c0, int cRow,
        int m, int p, int n, bool accumulate, bool lowerOnly, int vectors, int fromBlock, int toBlock)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var (mr, nr) = (RowsPerBlock<T, TV, TOps>(vectors), vectors * TOps.Count);
        var strips = (n + nr - 1) / nr;
        if ((long)strips * p * nr * Unsafe.SizeOf<T>() > PackedBInCacheBytes)
        {
            RowBlockGroups<T, TV, TOps>(ref a0, aRow, aCol, ref b0, bRow, ref packed, inPlace, ref c0, cRow, m, p, n, accumulate, lowerOnly, vectors, fromBlock, toBlock);
            return;
        }
        var (fromRow, toRow) = (fromBlock * mr, Math.Min(m, toBlock * mr));
        var gather = aRow == 1 && strips >= PackRowsFromStrips;
        // A partial last strip one or two vectors narrower than the others goes through a narrower block of its own.
        var tailVectors = (n - (strips - 1) * nr + TOps.Count - 1) / TOps.Count;
        var narrowTail = !lowerOnly && tailVectors < vectors && toRow >= RowsPerBlock<T, TV, TOps>(tailVectors);
        StripBlocks<T, TV, TOps>(ref a0, aRow, aCol, ref b0, bRow, ref packed, inPlace, gather, ref c0, cRow, p, n, accumulate, lowerOnly,
            nr, 0, narrowTail ? strips - 1 : strips, vectors, fromRow, toRow);
        if (narrowTail)
        {
            StripBlocks<T, TV, TOps>(ref a0, aRow, aCol, ref b0, bRow, ref packed, inPlace, gather, ref c0, cRow, p, n, accumulate, lowerOnly,
                nr, strips - 1, strips, tailVectors, fromRow, toRow);
        }
    }

    /// <summary>
    /// Rows <paramref name="fromRow"/> … <paramref name="toRow"/>−1 of C against strips <paramref name="fromStrip"/> …
    /// <paramref name="toStrip"/>−1 of B (<paramref name="nr"/> columns each), in blocks of <paramref name="vectors"/> vectors
    /// across and <see cref="RowsPerBlock{T, TV, TOps}"/> rows: at N = 80, k = 75 the last of four 24-column strips of doubles
    /// holds 3 columns, which 4 × 3 vectors computed as 24 and 12 × 1 computes as 8. The last block ends at
    /// <paramref name="toRow"/> and stores only the rows the one before it did not, so a team's chunks never write each
    /// other's rows; every element is the same FMA chain whatever the block's shape.
    /// </summary>
    private static void StripBlocks<T, TV, TOps>(ref T a0, int aRow, int aCol, ref T b0, int bRow, ref T packed, bool inPlace, bool gather, ref T c0,
        int cRow, int p, int n, bool accumulate, bool lowerOnly, int nr, int fromStrip, int toStrip, int vectors, int fromRow, int toRow)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var mr = RowsPerBlock<T, TV, TOps>(vectors);
        for (var block = fromRow; block < toRow; block += mr)
        {
            var first = Math.Min(block, toRow - mr);
            var skip = block - first;
            var columns = lowerOnly ? Math.Min(n, first + mr) : n;
            ref var a = ref Unsafe.Add(ref a0, first * aRow);
            var (rowStep, columnStep) = (aRow, aCol);
            if (gather)
            {
                // Aᵀ stored: the block's mr rows of A lie across p lines of memory a whole row of Aᵀ apart, which a
                // power-of-two row length maps to a few cache sets. Gathered once into an l-major mr × p block,
                // they stay in L1 for all the strips.
                a = ref PackRows(ref a, aCol, mr, p);
                (rowStep, columnStep) = (1, mr);
            }
            for (var strip = fromStrip; strip < toStrip && strip * nr < columns; strip++)
            {
                var direct = inPlace && (strip + 1) * nr <= n;
                ref var panel = ref direct ? ref Unsafe.Add(ref b0, strip * nr) : ref Unsafe.Add(ref packed, strip * p * nr);
                var step = direct ? bRow : nr;
                var at = first * cRow + strip * nr;
                var width = Math.Min(nr, n - strip * nr);
                MicroBlock<T, TV, TOps>(ref a, rowStep, columnStep, ref panel, step, p, ref c0, at, cRow, skip, width, accumulate, vectors);
            }
        }
    }

    /// <summary>Largest packed B that a row block runs through whole, every strip in turn (half of a 1 MB L2 cache).</summary>
    private const long PackedBInCacheBytes = 512 << 10;

    /// <summary>Rows of A a group holds (a quarter of a 1 MB L2 cache): they stay in L2 while every strip of B passes them.</summary>
    private const long GroupBytes = 256 << 10;

    /// <summary>
    /// Row blocks <paramref name="fromBlock"/> … <paramref name="toBlock"/>−1 for a packed B larger than the L2 cache:
    /// in groups of blocks whose rows of A fit in L2, each strip of B against every block of the group
    /// before the next strip, so B passes through memory once per group instead of once per block. Each
    /// element of C is the same FMA chain as in <see cref="RowBlocks{T, TV, TOps}"/>: only the order of the blocks changes.
    /// </summary>
    private static void RowBlockGroups<T, TV, TOps>(ref T a0, int aRow, int aCol, ref T b0, int bRow, ref T packed, bool inPlace, ref T c0, int cRow,
        int m, int p, int n, bool accumulate, bool lowerOnly, int vectors, int fromBlock, int toBlock)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var (mr, nr) = (RowsPerBlock<T, TV, TOps>(vectors), vectors * TOps.Count);
        var strips = (n + nr - 1) / nr;
        var perGroup = (int)Math.Max(1, GroupBytes / ((long)mr * p * Unsafe.SizeOf<T>()));
        var gather = aRow == 1 && strips >= PackRowsFromStrips;
        var lastBlock = Math.Min(toBlock, (m + mr - 1) / mr);
        for (var group = fromBlock; group < lastBlock; group += perGroup)
        {
            var groupEnd = Math.Min(lastBlock, group + perGroup);
            ref var rows = ref a0;
            if (gather)
            {
                // Aᵀ stored: each block's rows gathered l-major once per group, as RowBlocks gathers them once per block.
                for (var b = group; b < groupEnd; b++)
                {
                    rows = ref PackRows(ref Unsafe.Add(ref a0, Math.Min(b * mr, m - mr)), aCol, mr, p, b - group, groupEnd - group);
                }
                rows = ref Unsafe.Subtract(ref rows, (groupEnd - 1 - group) * mr * p);
            }
            for (var strip = 0; strip < strips; strip++)
            {
                var direct = inPlace && (strip + 1) * nr <= n;
                ref var panel = ref direct ? ref Unsafe.Add(ref b0, strip * nr) : ref Unsafe.Add(ref packed, strip * p * nr);
                var step = direct ? bRow : nr;
                var width = Math.Min(nr, n - strip * nr);
                for (var b = group; b < groupEnd; b++)
                {
                    var first = Math.Min(b * mr, m - mr);
                    var skip = b * mr - first;
                    if (lowerOnly && strip * nr >= Math.Min(n, first + mr))
                    {
                        continue;
                    }
                    ref var a = ref gather ? ref Unsafe.Add(ref rows, (b - group) * mr * p) : ref Unsafe.Add(ref a0, first * aRow);
                    var (rowStep, columnStep) = gather ? (1, mr) : (aRow, aCol);
                    var at = first * cRow + strip * nr;
                    MicroBlock<T, TV, TOps>(ref a, rowStep, columnStep, ref panel, step, p, ref c0, at, cRow, skip, width, accumulate, vectors);
                }
            }
        }
    }

    /// <summary>One mr × nr block of C by the micro-kernel of its shape: 4 rows × 3 vectors, 6 × 2 or 12 × 1 (<see cref="Vectors{T, TV, TOps}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MicroBlock<T, TV, TOps>(ref T a, int aRow, int aCol, ref T panel, int step, int p, ref T c0, int at, int cRow, int skip, int width, bool accumulate,
        int vectors)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        switch (vectors)
        {
            case 3:
                Block4x3<T, TV, TOps>(ref a, aRow, aCol, ref panel, step, p, ref c0, at, cRow, skip, width, accumulate);
                break;
            case 2 when TOps.ManyRegisters:
                Block8x2<T, TV, TOps>(ref a, aRow, aCol, ref panel, step, p, ref c0, at, cRow, skip, width, accumulate);
                break;
            case 2:
                Block6x2<T, TV, TOps>(ref a, aRow, aCol, ref panel, step, p, ref c0, at, cRow, skip, width, accumulate);
                break;
            case 1 when TOps.ManyRegisters:
                Block16x1<T, TV, TOps>(ref a, aRow, aCol, ref panel, step, p, ref c0, at, cRow, skip, width, accumulate);
                break;
            default:
                Block12x1<T, TV, TOps>(ref a, aRow, aCol, ref panel, step, p, ref c0, at, cRow, skip, width, accumulate);
                break;
        }
    }

    /// <summary>B as strips of nr columns into <paramref name="packed"/>, each p × nr row-major, zeros past column n; with <paramref name="inPlace"/> only the partial last strip.</summary>
    private static ref T Pack<T, TV, TOps>(ref T b0, int bRow, int bCol, int p, int n, int nr, int strips, bool inPlace, ref T packed)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var width = TOps.Count;
        for (var strip = 0; strip < strips; strip++)
        {
            var from = strip * nr;
            var columns = Math.Min(nr, n - from);
            ref var panel = ref Unsafe.Add(ref packed, strip * p * nr);
            if (inPlace && columns == nr)
            {
                continue;
            }
            if (bCol == 1 && columns == nr)
            {
                // Rows of B are contiguous: whole vectors.
                for (var l = 0; l < p; l++)
                {
                    ref var source = ref Unsafe.Add(ref b0, l * bRow + from);
                    for (var v = 0; v < nr; v += width)
                    {
                        TOps.Store(TOps.Load(ref source, (nuint)v), ref panel, (nuint)(l * nr + v));
                    }
                }
                continue;
            }
            if (bRow == 1)
            {
                // Bᵀ stored: the strip's columns are contiguous rows of the source, transposed in blocks.
                Transposition.Transpose(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b0, from * bCol), (columns - 1) * bCol + p), bCol,
                    MemoryMarshal.CreateSpan(ref panel, p * nr), nr, columns, p);
            }
            for (var l = 0; l < p; l++)
            {
                ref var target = ref Unsafe.Add(ref panel, l * nr);
                for (var j = bRow == 1 ? columns : 0; j < columns; j++)
                {
                    Unsafe.Add(ref target, j) = Unsafe.Add(ref b0, l * bRow + (from + j) * bCol);
                }
                for (var j = columns; j < nr; j++)
                {
                    Unsafe.Add(ref target, j) = T.Zero;
                }
            }
        }
        return ref packed;
    }

    /// <summary>
    /// Rows 0…mr−1 of an A stored transposed (A(i, l) at a[i + l·aCol]) as an l-major mr × p block in a
    /// per-thread buffer, <paramref name="blocks"/> such blocks a row block apart when a group of row blocks is
    /// gathered (the block at <paramref name="index"/>); each l's mr elements are contiguous and go as 128-bit
    /// vectors, the last one overlapping (mr ≥ 4 is at least one vector of either type).
    /// </summary>
    private static ref T PackRows<T>(ref T a, int aCol, int mr, int p, int index = 0, int blocks = 1) where T : unmanaged
    {
        var length = blocks * mr * p;
        if (Buffers<T>.Rows is not { } buffer || buffer.Span.Length < length)
        {
            buffer = new AlignedArray<T>(Math.Max(length, 4096));
            Buffers<T>.Rows = buffer;
        }
        ref var packed = ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer.Span), index * mr * p);
        var width = Vector128<T>.Count;
        for (var l = 0; l < p; l++)
        {
            ref var source = ref Unsafe.Add(ref a, l * aCol);
            ref var target = ref Unsafe.Add(ref packed, l * mr);
            for (var i = 0; i < mr; i += width)
            {
                var at = (nuint)Math.Min(i, mr - width);
                Vector128.LoadUnsafe(ref source, at).StoreUnsafe(ref target, at);
            }
        }
        return ref packed;
    }

    /// <summary>
    /// One mr × nr block of C (AVX2: 6 rows × 2 vectors). Each micro-kernel is compiled on its own and fully
    /// optimised from its first call: inlined into a caller that dynamic PGO had grown, it kept only eight of
    /// its twelve accumulators in registers and stored and reloaded the other four at every step of l (the
    /// N = 256 tangent product ran at half speed in some processes); and tiered up like other methods it ran
    /// its first thousands of calls unoptimised.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block6x2<T, TV, TOps>(ref T a, int aRow, int aCol, ref T panel, int step, int p, ref T c0, int at, int cRow, int skip, int width, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var w = (nuint)TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TV c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        nint r1 = aRow, r2 = 2 * aRow, r3 = 3 * aRow, r4 = 4 * aRow, r5 = 5 * aRow;
        ref var al = ref a;
        ref var bl = ref panel;
        for (var l = 0; l < p; l++)
        {
            var v0 = TOps.Load(ref bl, 0);
            var v1 = TOps.Load(ref bl, w);
            var s = TOps.Broadcast(al);
            c00 = TOps.MultiplyAdd(s, v0, c00);
            c01 = TOps.MultiplyAdd(s, v1, c01);
            s = TOps.Broadcast(Unsafe.Add(ref al, r1));
            c10 = TOps.MultiplyAdd(s, v0, c10);
            c11 = TOps.MultiplyAdd(s, v1, c11);
            s = TOps.Broadcast(Unsafe.Add(ref al, r2));
            c20 = TOps.MultiplyAdd(s, v0, c20);
            c21 = TOps.MultiplyAdd(s, v1, c21);
            s = TOps.Broadcast(Unsafe.Add(ref al, r3));
            c30 = TOps.MultiplyAdd(s, v0, c30);
            c31 = TOps.MultiplyAdd(s, v1, c31);
            s = TOps.Broadcast(Unsafe.Add(ref al, r4));
            c40 = TOps.MultiplyAdd(s, v0, c40);
            c41 = TOps.MultiplyAdd(s, v1, c41);
            s = TOps.Broadcast(Unsafe.Add(ref al, r5));
            c50 = TOps.MultiplyAdd(s, v0, c50);
            c51 = TOps.MultiplyAdd(s, v1, c51);
            al = ref Unsafe.Add(ref al, aCol);
            bl = ref Unsafe.Add(ref bl, step);
        }
        StoreRow<T, TV, TOps>(ref c0, at, width, accumulate, skip <= 0, 2, c00, c01, c00);
        StoreRow<T, TV, TOps>(ref c0, at + cRow, width, accumulate, skip <= 1, 2, c10, c11, c10);
        StoreRow<T, TV, TOps>(ref c0, at + 2 * cRow, width, accumulate, skip <= 2, 2, c20, c21, c20);
        StoreRow<T, TV, TOps>(ref c0, at + 3 * cRow, width, accumulate, skip <= 3, 2, c30, c31, c30);
        StoreRow<T, TV, TOps>(ref c0, at + 4 * cRow, width, accumulate, skip <= 4, 2, c40, c41, c40);
        StoreRow<T, TV, TOps>(ref c0, at + 5 * cRow, width, accumulate, skip <= 5, 2, c50, c51, c50);
    }

    /// <summary>One mr × nr block of C on AVX-512 (4 rows × 3 vectors), compiled as <see cref="Block6x2{T, TV, TOps}"/> is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x3<T, TV, TOps>(ref T a, int aRow, int aCol, ref T panel, int step, int p, ref T c0, int at, int cRow, int skip, int width, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var w = (nuint)TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero;
        TV c20 = TOps.Zero, c21 = TOps.Zero, c22 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero, c32 = TOps.Zero;
        nint r1 = aRow, r2 = 2 * aRow, r3 = 3 * aRow;
        ref var al = ref a;
        ref var bl = ref panel;
        for (var l = 0; l < p; l++)
        {
            var v0 = TOps.Load(ref bl, 0);
            var v1 = TOps.Load(ref bl, w);
            var v2 = TOps.Load(ref bl, 2 * w);
            var s = TOps.Broadcast(al);
            c00 = TOps.MultiplyAdd(s, v0, c00);
            c01 = TOps.MultiplyAdd(s, v1, c01);
            c02 = TOps.MultiplyAdd(s, v2, c02);
            s = TOps.Broadcast(Unsafe.Add(ref al, r1));
            c10 = TOps.MultiplyAdd(s, v0, c10);
            c11 = TOps.MultiplyAdd(s, v1, c11);
            c12 = TOps.MultiplyAdd(s, v2, c12);
            s = TOps.Broadcast(Unsafe.Add(ref al, r2));
            c20 = TOps.MultiplyAdd(s, v0, c20);
            c21 = TOps.MultiplyAdd(s, v1, c21);
            c22 = TOps.MultiplyAdd(s, v2, c22);
            s = TOps.Broadcast(Unsafe.Add(ref al, r3));
            c30 = TOps.MultiplyAdd(s, v0, c30);
            c31 = TOps.MultiplyAdd(s, v1, c31);
            c32 = TOps.MultiplyAdd(s, v2, c32);
            al = ref Unsafe.Add(ref al, aCol);
            bl = ref Unsafe.Add(ref bl, step);
        }
        StoreRow<T, TV, TOps>(ref c0, at, width, accumulate, skip <= 0, 3, c00, c01, c02);
        StoreRow<T, TV, TOps>(ref c0, at + cRow, width, accumulate, skip <= 1, 3, c10, c11, c12);
        StoreRow<T, TV, TOps>(ref c0, at + 2 * cRow, width, accumulate, skip <= 2, 3, c20, c21, c22);
        StoreRow<T, TV, TOps>(ref c0, at + 3 * cRow, width, accumulate, skip <= 3, 3, c30, c31, c32);
    }

    /// <summary>One 12-row × 1-vector block of C, for a C at most one vector wide, compiled as <see cref="Block6x2{T, TV, TOps}"/> is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block12x1<T, TV, TOps>(ref T a, int aRow, int aCol, ref T panel, int step, int p, ref T c0, int at, int cRow, int skip, int width, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        TV c0v = TOps.Zero, c1v = TOps.Zero, c2v = TOps.Zero, c3v = TOps.Zero, c4v = TOps.Zero, c5v = TOps.Zero;
        TV c6v = TOps.Zero, c7v = TOps.Zero, c8v = TOps.Zero, c9v = TOps.Zero, c10v = TOps.Zero, c11v = TOps.Zero;
        ref var al = ref a;
        ref var bl = ref panel;
        for (var l = 0; l < p; l++)
        {
            var v = TOps.Load(ref bl, 0);
            c0v = TOps.MultiplyAdd(TOps.Broadcast(al), v, c0v);
            c1v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, aRow)), v, c1v);
            c2v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 2 * aRow)), v, c2v);
            c3v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 3 * aRow)), v, c3v);
            c4v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 4 * aRow)), v, c4v);
            c5v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 5 * aRow)), v, c5v);
            c6v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 6 * aRow)), v, c6v);
            c7v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 7 * aRow)), v, c7v);
            c8v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 8 * aRow)), v, c8v);
            c9v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 9 * aRow)), v, c9v);
            c10v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 10 * aRow)), v, c10v);
            c11v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 11 * aRow)), v, c11v);
            al = ref Unsafe.Add(ref al, aCol);
            bl = ref Unsafe.Add(ref bl, step);
        }
        StoreRow<T, TV, TOps>(ref c0, at, width, accumulate, skip <= 0, 1, c0v, c0v, c0v);
        StoreRow<T, TV, TOps>(ref c0, at + cRow, width, accumulate, skip <= 1, 1, c1v, c1v, c1v);
        StoreRow<T, TV, TOps>(ref c0, at + 2 * cRow, width, accumulate, skip <= 2, 1, c2v, c2v, c2v);
        StoreRow<T, TV, TOps>(ref c0, at + 3 * cRow, width, accumulate, skip <= 3, 1, c3v, c3v, c3v);
        StoreRow<T, TV, TOps>(ref c0, at + 4 * cRow, width, accumulate, skip <= 4, 1, c4v, c4v, c4v);
        StoreRow<T, TV, TOps>(ref c0, at + 5 * cRow, width, accumulate, skip <= 5, 1, c5v, c5v, c5v);
        StoreRow<T, TV, TOps>(ref c0, at + 6 * cRow, width, accumulate, skip <= 6, 1, c6v, c6v, c6v);
        StoreRow<T, TV, TOps>(ref c0, at + 7 * cRow, width, accumulate, skip <= 7, 1, c7v, c7v, c7v);
        StoreRow<T, TV, TOps>(ref c0, at + 8 * cRow, width, accumulate, skip <= 8, 1, c8v, c8v, c8v);
        StoreRow<T, TV, TOps>(ref c0, at + 9 * cRow, width, accumulate, skip <= 9, 1, c9v, c9v, c9v);
        StoreRow<T, TV, TOps>(ref c0, at + 10 * cRow, width, accumulate, skip <= 10, 1, c10v, c10v, c10v);
        StoreRow<T, TV, TOps>(ref c0, at + 11 * cRow, width, accumulate, skip <= 11, 1, c11v, c11v, c11v);
    }

    /// <summary>One 8-row × 2-vector block of C on AVX-512, for a C at most two vectors wide, compiled as <see cref="Block6x2{T, TV, TOps}"/> is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block8x2<T, TV, TOps>(ref T a, int aRow, int aCol, ref T panel, int step, int p, ref T c0, int at, int cRow, int skip, int width, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var w = (nuint)TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        TV c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero, c60 = TOps.Zero, c61 = TOps.Zero, c70 = TOps.Zero, c71 = TOps.Zero;
        ref var al = ref a;
        ref var bl = ref panel;
        for (var l = 0; l < p; l++)
        {
            var v0 = TOps.Load(ref bl, 0);
            var v1 = TOps.Load(ref bl, w);
            var s = TOps.Broadcast(al);
            c00 = TOps.MultiplyAdd(s, v0, c00);
            c01 = TOps.MultiplyAdd(s, v1, c01);
            s = TOps.Broadcast(Unsafe.Add(ref al, aRow));
            c10 = TOps.MultiplyAdd(s, v0, c10);
            c11 = TOps.MultiplyAdd(s, v1, c11);
            s = TOps.Broadcast(Unsafe.Add(ref al, 2 * aRow));
            c20 = TOps.MultiplyAdd(s, v0, c20);
            c21 = TOps.MultiplyAdd(s, v1, c21);
            s = TOps.Broadcast(Unsafe.Add(ref al, 3 * aRow));
            c30 = TOps.MultiplyAdd(s, v0, c30);
            c31 = TOps.MultiplyAdd(s, v1, c31);
            s = TOps.Broadcast(Unsafe.Add(ref al, 4 * aRow));
            c40 = TOps.MultiplyAdd(s, v0, c40);
            c41 = TOps.MultiplyAdd(s, v1, c41);
            s = TOps.Broadcast(Unsafe.Add(ref al, 5 * aRow));
            c50 = TOps.MultiplyAdd(s, v0, c50);
            c51 = TOps.MultiplyAdd(s, v1, c51);
            s = TOps.Broadcast(Unsafe.Add(ref al, 6 * aRow));
            c60 = TOps.MultiplyAdd(s, v0, c60);
            c61 = TOps.MultiplyAdd(s, v1, c61);
            s = TOps.Broadcast(Unsafe.Add(ref al, 7 * aRow));
            c70 = TOps.MultiplyAdd(s, v0, c70);
            c71 = TOps.MultiplyAdd(s, v1, c71);
            al = ref Unsafe.Add(ref al, aCol);
            bl = ref Unsafe.Add(ref bl, step);
        }
        StoreRow<T, TV, TOps>(ref c0, at, width, accumulate, skip <= 0, 2, c00, c01, c00);
        StoreRow<T, TV, TOps>(ref c0, at + cRow, width, accumulate, skip <= 1, 2, c10, c11, c10);
        StoreRow<T, TV, TOps>(ref c0, at + 2 * cRow, width, accumulate, skip <= 2, 2, c20, c21, c20);
        StoreRow<T, TV, TOps>(ref c0, at + 3 * cRow, width, accumulate, skip <= 3, 2, c30, c31, c30);
        StoreRow<T, TV, TOps>(ref c0, at + 4 * cRow, width, accumulate, skip <= 4, 2, c40, c41, c40);
        StoreRow<T, TV, TOps>(ref c0, at + 5 * cRow, width, accumulate, skip <= 5, 2, c50, c51, c50);
        StoreRow<T, TV, TOps>(ref c0, at + 6 * cRow, width, accumulate, skip <= 6, 2, c60, c61, c60);
        StoreRow<T, TV, TOps>(ref c0, at + 7 * cRow, width, accumulate, skip <= 7, 2, c70, c71, c70);
    }

    /// <summary>One 16-row × 1-vector block of C on AVX-512, for a C at most one vector wide, compiled as <see cref="Block6x2{T, TV, TOps}"/> is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block16x1<T, TV, TOps>(ref T a, int aRow, int aCol, ref T panel, int step, int p, ref T c0, int at, int cRow, int skip, int width, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        TV c0v = TOps.Zero, c1v = TOps.Zero, c2v = TOps.Zero, c3v = TOps.Zero, c4v = TOps.Zero, c5v = TOps.Zero, c6v = TOps.Zero, c7v = TOps.Zero;
        TV c8v = TOps.Zero, c9v = TOps.Zero, c10v = TOps.Zero, c11v = TOps.Zero, c12v = TOps.Zero, c13v = TOps.Zero, c14v = TOps.Zero, c15v = TOps.Zero;
        ref var al = ref a;
        ref var bl = ref panel;
        for (var l = 0; l < p; l++)
        {
            var v = TOps.Load(ref bl, 0);
            c0v = TOps.MultiplyAdd(TOps.Broadcast(al), v, c0v);
            c1v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, aRow)), v, c1v);
            c2v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 2 * aRow)), v, c2v);
            c3v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 3 * aRow)), v, c3v);
            c4v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 4 * aRow)), v, c4v);
            c5v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 5 * aRow)), v, c5v);
            c6v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 6 * aRow)), v, c6v);
            c7v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 7 * aRow)), v, c7v);
            c8v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 8 * aRow)), v, c8v);
            c9v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 9 * aRow)), v, c9v);
            c10v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 10 * aRow)), v, c10v);
            c11v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 11 * aRow)), v, c11v);
            c12v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 12 * aRow)), v, c12v);
            c13v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 13 * aRow)), v, c13v);
            c14v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 14 * aRow)), v, c14v);
            c15v = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref al, 15 * aRow)), v, c15v);
            al = ref Unsafe.Add(ref al, aCol);
            bl = ref Unsafe.Add(ref bl, step);
        }
        StoreRow<T, TV, TOps>(ref c0, at, width, accumulate, skip <= 0, 1, c0v, c0v, c0v);
        StoreRow<T, TV, TOps>(ref c0, at + cRow, width, accumulate, skip <= 1, 1, c1v, c1v, c1v);
        StoreRow<T, TV, TOps>(ref c0, at + 2 * cRow, width, accumulate, skip <= 2, 1, c2v, c2v, c2v);
        StoreRow<T, TV, TOps>(ref c0, at + 3 * cRow, width, accumulate, skip <= 3, 1, c3v, c3v, c3v);
        StoreRow<T, TV, TOps>(ref c0, at + 4 * cRow, width, accumulate, skip <= 4, 1, c4v, c4v, c4v);
        StoreRow<T, TV, TOps>(ref c0, at + 5 * cRow, width, accumulate, skip <= 5, 1, c5v, c5v, c5v);
        StoreRow<T, TV, TOps>(ref c0, at + 6 * cRow, width, accumulate, skip <= 6, 1, c6v, c6v, c6v);
        StoreRow<T, TV, TOps>(ref c0, at + 7 * cRow, width, accumulate, skip <= 7, 1, c7v, c7v, c7v);
        StoreRow<T, TV, TOps>(ref c0, at + 8 * cRow, width, accumulate, skip <= 8, 1, c8v, c8v, c8v);
        StoreRow<T, TV, TOps>(ref c0, at + 9 * cRow, width, accumulate, skip <= 9, 1, c9v, c9v, c9v);
        StoreRow<T, TV, TOps>(ref c0, at + 10 * cRow, width, accumulate, skip <= 10, 1, c10v, c10v, c10v);
        StoreRow<T, TV, TOps>(ref c0, at + 11 * cRow, width, accumulate, skip <= 11, 1, c11v, c11v, c11v);
        StoreRow<T, TV, TOps>(ref c0, at + 12 * cRow, width, accumulate, skip <= 12, 1, c12v, c12v, c12v);
        StoreRow<T, TV, TOps>(ref c0, at + 13 * cRow, width, accumulate, skip <= 13, 1, c13v, c13v, c13v);
        StoreRow<T, TV, TOps>(ref c0, at + 14 * cRow, width, accumulate, skip <= 14, 1, c14v, c14v, c14v);
        StoreRow<T, TV, TOps>(ref c0, at + 15 * cRow, width, accumulate, skip <= 15, 1, c15v, c15v, c15v);
    }

    /// <summary>One row of C against a strip (fewer rows than a block): vectors of the strip as independent chains.</summary>
    private static void Row<T, TV, TOps>(ref T a, int aCol, ref T panel, int step, int p, ref T c0, int at, int width, bool accumulate, int vectors)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        var w = (nuint)TOps.Count;
        TV s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero;
        ref var al = ref a;
        ref var bl = ref panel;
        for (var l = 0; l < p; l++)
        {
            var x = TOps.Broadcast(al);
            s0 = TOps.MultiplyAdd(x, TOps.Load(ref bl, 0), s0);
            if (vectors >= 2)
            {
                s1 = TOps.MultiplyAdd(x, TOps.Load(ref bl, w), s1);
            }
            if (vectors == 3)
            {
                s2 = TOps.MultiplyAdd(x, TOps.Load(ref bl, 2 * w), s2);
            }
            al = ref Unsafe.Add(ref al, aCol);
            bl = ref Unsafe.Add(ref bl, step);
        }
        StoreRow<T, TV, TOps>(ref c0, at, width, accumulate, true, vectors, s0, s1, s2);
    }

    /// <summary>
    /// The first <paramref name="width"/> columns of one row of the block (its <paramref name="vectors"/> vectors of v0, v1,
    /// v2) into C at <paramref name="at"/>, added when accumulating; the partial vector at the end of a row element by
    /// element, so nothing past column n is touched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TV, TOps>(ref T c0, int at, int width, bool accumulate, bool store, int vectors, TV v0, TV v1, TV v2)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        if (!store)
        {
            return;
        }
        var w = TOps.Count;
        for (var v = 0; v < vectors && v * w < width; v++)
        {
            var value = v switch { 0 => v0, 1 => v1, _ => v2 };
            var offset = (nuint)(at + v * w);
            var count = width - v * w;
            if (count >= w)
            {
                TOps.Store(accumulate ? TOps.Add(TOps.Load(ref c0, offset), value) : value, ref c0, offset);
                continue;
            }
            for (var lane = 0; lane < count; lane++)
            {
                ref var target = ref Unsafe.Add(ref c0, offset + (nuint)lane);
                var element = TOps.Element(value, lane);
                target = accumulate ? target + element : element;
            }
        }
    }

    private static void Scalar<T>(ref T a0, int aRow, int aCol, ref T b0, int bRow, int bCol, ref T c0, int cRow,
        int m, int p, int n, bool accumulate, bool lowerOnly)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < (lowerOnly ? Math.Min(n, i + 1) : n); j++)
            {
                var sum = T.Zero;
                for (var l = 0; l < p; l++)
                {
                    sum += Unsafe.Add(ref a0, i * aRow + l * aCol) * Unsafe.Add(ref b0, l * bRow + j * bCol);
                }
                ref var target = ref Unsafe.Add(ref c0, i * cRow + j);
                target = accumulate ? target + sum : sum;
            }
        }
    }
}
