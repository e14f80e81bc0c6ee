using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verified.Dense;

/// <summary>
/// Strided matrix transposition in blocks of eight source rows, so that writes stay contiguous.
/// With AVX, floats go through registers in 8×8 tiles (unpack, shuffle and 128-bit lane permutes):
/// twice as fast at 80×75. Doubles go in 4×4 tiles (unpack and lane permutes): the N = 80, k = 75 QR
/// with its three transpositions went from 16.8 to 16.0 ms per 300 steps (AVX2, alternated runs).
/// </summary>
public static class Transposition
{
    /// <summary>
    /// target[j·targetStride + i] = source[i·sourceStride + j] for a rows×cols source. A large one (from
    /// <see cref="SharedFromElements"/>) shares its column blocks over the thread's team (<see cref="Threading.DenseThreads"/>):
    /// each block writes its own rows of the target, and a copy is the same whoever makes it.
    /// </summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, int sourceStride, Span<T> target, int targetStride, int rows, int cols)
    {
        if (rows > 0 && cols > 0 && (source.Length < (rows - 1) * sourceStride + cols || target.Length < (cols - 1) * targetStride + rows))
        {
            throw new ArgumentException($"transposing {rows}×{cols}: source {source.Length} or target {target.Length} too short");
        }
        if (rows <= 0 || cols <= 0)
        {
            return;
        }
        ref var s0 = ref MemoryMarshal.GetReference(source);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        var blocks = (cols + ColumnBlock - 1) / ColumnBlock;
        if (Threading.DenseThreads.Team is { } team && blocks >= 2 && (long)rows * cols >= SharedFromElements)
        {
            if (typeof(T) == typeof(double))
            {
                BlocksOnTeam<double>.Run(team, ref Unsafe.As<T, double>(ref s0), sourceStride, ref Unsafe.As<T, double>(ref t0), targetStride, rows, cols, blocks);
                return;
            }
            if (typeof(T) == typeof(float))
            {
                BlocksOnTeam<float>.Run(team, ref Unsafe.As<T, float>(ref s0), sourceStride, ref Unsafe.As<T, float>(ref t0), targetStride, rows, cols, blocks);
                return;
            }
        }
        ColumnBlocks(ref s0, sourceStride, ref t0, targetStride, rows, cols, 0, blocks);
    }

    /// <summary>
    /// Source columns a block: the target rows a block writes (64 of them, a row tile's few elements each) stay in
    /// the L1 cache until the next row tile fills the rest of their cache lines; over the whole width at once each target
    /// line was written in two visits far apart. In the 1024² QR on one thread (AMD EPYC Zen 5, double) the transposition
    /// in went from 1.68 to 1.52 ms and R's from 2.64 to 2.16 ms; the transpositions stay bound by memory at that size.
    /// </summary>
    private const int ColumnBlock = 64;

    /// <summary>Transpositions of at least this many elements (512 KB of doubles) share out over the thread's team.</summary>
    private const long SharedFromElements = 1 << 16;

    /// <summary>Column blocks <paramref name="fromBlock"/> … <paramref name="toBlock"/>−1 of the source, each over every row.</summary>
    private static void ColumnBlocks<T>(ref T s0, int sourceStride, ref T t0, int targetStride, int rows, int cols, int fromBlock, int toBlock)
    {
        for (var block = fromBlock; block < toBlock; block++)
        {
            var from = block * ColumnBlock;
            Band(ref Unsafe.Add(ref s0, from), sourceStride, ref Unsafe.Add(ref t0, from * targetStride), targetStride, rows, Math.Min(ColumnBlock, cols - from));
        }
    }

    /// <summary>target[j·targetStride + i] = source[i·sourceStride + j] for a rows×cols source: register tiles where AVX has them, then eight rows at a time.</summary>
    private static void Band<T>(ref T s0, int sourceStride, ref T t0, int targetStride, int rows, int cols)
    {
        var i = 0;
        if (Avx.IsSupported && typeof(T) == typeof(float))
        {
            i = Tiles<float, Floats8>(ref Unsafe.As<T, float>(ref s0), sourceStride, ref Unsafe.As<T, float>(ref t0), targetStride, rows, cols);
        }
        else if (Avx.IsSupported && typeof(T) == typeof(double))
        {
            i = Tiles<double, Doubles4>(ref Unsafe.As<T, double>(ref s0), sourceStride, ref Unsafe.As<T, double>(ref t0), targetStride, rows, cols);
        }
        for (; i + 8 <= rows; i += 8)
        {
            ref var block = ref Unsafe.Add(ref s0, i * sourceStride);
            for (var j = 0; j < cols; j++)
            {
                ref var to = ref Unsafe.Add(ref t0, j * targetStride + i);
                ref var from = ref Unsafe.Add(ref block, j);
                to = from;
                Unsafe.Add(ref to, 1) = Unsafe.Add(ref from, sourceStride);
                Unsafe.Add(ref to, 2) = Unsafe.Add(ref from, 2 * sourceStride);
                Unsafe.Add(ref to, 3) = Unsafe.Add(ref from, 3 * sourceStride);
                Unsafe.Add(ref to, 4) = Unsafe.Add(ref from, 4 * sourceStride);
                Unsafe.Add(ref to, 5) = Unsafe.Add(ref from, 5 * sourceStride);
                Unsafe.Add(ref to, 6) = Unsafe.Add(ref from, 6 * sourceStride);
                Unsafe.Add(ref to, 7) = Unsafe.Add(ref from, 7 * sourceStride);
            }
        }
        for (; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                Unsafe.Add(ref t0, j * targetStride + i) = Unsafe.Add(ref s0, i * sourceStride + j);
            }
        }
    }

    /// <summary>
    /// A transposition's column blocks over a <see cref="Threading.WorkerTeam"/>, source and target pinned for the call
    /// and reached through pointers; about four chunks a thread. One instance per thread and type: no allocation per call.
    /// </summary>
    private sealed unsafe class BlocksOnTeam<T> : Threading.IChunkedWork where T : unmanaged
    {
        [ThreadStatic]
        private static BlocksOnTeam<T>? _instance;

        private T* _source, _target;
        private int _sourceStride, _targetStride, _rows, _cols, _blocks, _blocksPerChunk;

        public static void Run(Threading.WorkerTeam team, ref T s0, int sourceStride, ref T t0, int targetStride, int rows, int cols, int blocks)
        {
            var work = _instance ??= new BlocksOnTeam<T>();
            var chunks = Math.Min(blocks, 4 * team.Size);
            fixed (T* source = &s0, target = &t0)
            {
                work._source = source;
                work._target = target;
                (work._sourceStride, work._targetStride, work._rows, work._cols, work._blocks) = (sourceStride, targetStride, rows, cols, blocks);
                work._blocksPerChunk = (blocks + chunks - 1) / chunks;
                try
                {
                    team.Run(work, (blocks + work._blocksPerChunk - 1) / work._blocksPerChunk);
                }
                finally
                {
                    work._source = work._target = null;
                }
            }
        }

        public void Run(int chunk)
        {
            var from = chunk * _blocksPerChunk;
            ColumnBlocks(ref Unsafe.AsRef<T>(_source), _sourceStride, ref Unsafe.AsRef<T>(_target), _targetStride, _rows, _cols, from, Math.Min(_blocks, from + _blocksPerChunk));
        }
    }

    /// <summary>
    /// Rows i &lt; s⌊rows/s⌋ as s×s register tiles of <typeparamref name="TTile"/>, the columns after the
    /// last whole tile element by element; returns the first row left for the caller.
    /// </summary>
    private static int Tiles<TE, TTile>(ref TE s0, int sourceStride, ref TE t0, int targetStride, int rows, int cols)
        where TTile : struct, ITile<TE>
    {
        var size = TTile.Size;
        var i = 0;
        for (; i + size <= rows; i += size)
        {
            ref var block = ref Unsafe.Add(ref s0, i * sourceStride);
            var j = 0;
            for (; j + size <= cols; j += size)
            {
                TTile.Transpose(ref Unsafe.Add(ref block, j), sourceStride, ref Unsafe.Add(ref t0, j * targetStride + i), targetStride);
            }
            for (; j < cols; j++)
            {
                for (var r = 0; r < size; r++)
                {
                    Unsafe.Add(ref t0, j * targetStride + i + r) = Unsafe.Add(ref block, r * sourceStride + j);
                }
            }
        }
        return i;
    }

    /// <summary>One square tile transposed through registers.</summary>
    private interface ITile<TE>
    {
        static abstract int Size { get; }

        /// <summary>to[c·targetStride + r] = from[r·sourceStride + c] for r, c &lt; Size.</summary>
        static abstract void Transpose(ref TE from, int sourceStride, ref TE to, int targetStride);
    }

    /// <summary>4×4 doubles: interleave pairs of rows, then swap 128-bit lanes.</summary>
    private struct Doubles4 : ITile<double>
    {
        public static int Size => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(ref double from, int sourceStride, ref double to, int targetStride)
        {
            var r0 = Vector256.LoadUnsafe(ref from);
            var r1 = Vector256.LoadUnsafe(ref from, (nuint)sourceStride);
            var r2 = Vector256.LoadUnsafe(ref from, (nuint)(2 * sourceStride));
            var r3 = Vector256.LoadUnsafe(ref from, (nuint)(3 * sourceStride));
            var a0 = Avx.UnpackLow(r0, r1);
            var a1 = Avx.UnpackHigh(r0, r1);
            var a2 = Avx.UnpackLow(r2, r3);
            var a3 = Avx.UnpackHigh(r2, r3);
            Avx.Permute2x128(a0, a2, 0x20).StoreUnsafe(ref to);
            Avx.Permute2x128(a1, a3, 0x20).StoreUnsafe(ref to, (nuint)targetStride);
            Avx.Permute2x128(a0, a2, 0x31).StoreUnsafe(ref to, (nuint)(2 * targetStride));
            Avx.Permute2x128(a1, a3, 0x31).StoreUnsafe(ref to, (nuint)(3 * targetStride));
        }
    }

    /// <summary>8×8 floats: interleave pairs of rows, then pairs of pairs within each 128-bit lane, then swap lanes.</summary>
    private struct Floats8 : ITile<float>
    {
        public static int Size => 8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(ref float from, int sourceStride, ref float to, int targetStride)
        {
            var r0 = Vector256.LoadUnsafe(ref from);
            var r1 = Vector256.LoadUnsafe(ref from, (nuint)sourceStride);
            var r2 = Vector256.LoadUnsafe(ref from, (nuint)(2 * sourceStride));
            var r3 = Vector256.LoadUnsafe(ref from, (nuint)(3 * sourceStride));
            var r4 = Vector256.LoadUnsafe(ref from, (nuint)(4 * sourceStride));
            var r5 = Vector256.LoadUnsafe(ref from, (nuint)(5 * sourceStride));
            var r6 = Vector256.LoadUnsafe(ref from, (nuint)(6 * sourceStride));
            var r7 = Vector256.LoadUnsafe(ref from, (nuint)(7 * sourceStride));
            var a0 = Avx.UnpackLow(r0, r1);
            var a1 = Avx.UnpackHigh(r0, r1);
            var a2 = Avx.UnpackLow(r2, r3);
            var a3 = Avx.UnpackHigh(r2, r3);
            var a4 = Avx.UnpackLow(r4, r5);
            var a5 = Avx.UnpackHigh(r4, r5);
            var a6 = Avx.UnpackLow(r6, r7);
            var a7 = Avx.UnpackHigh(r6, r7);
            var b0 = Avx.Shuffle(a0, a2, 0x44);
            var b1 = Avx.Shuffle(a0, a2, 0xEE);
            var b2 = Avx.Shuffle(a1, a3, 0x44);
            var b3 = Avx.Shuffle(a1, a3, 0xEE);
            var b4 = Avx.Shuffle(a4, a6, 0x44);
            var b5 = Avx.Shuffle(a4, a6, 0xEE);
            var b6 = Avx.Shuffle(a5, a7, 0x44);
            var b7 = Avx.Shuffle(a5, a7, 0xEE);
            Avx.Permute2x128(b0, b4, 0x20).StoreUnsafe(ref to);
            Avx.Permute2x128(b1, b5, 0x20).StoreUnsafe(ref to, (nuint)targetStride);
            Avx.Permute2x128(b2, b6, 0x20).StoreUnsafe(ref to, (nuint)(2 * targetStride));
            Avx.Permute2x128(b3, b7, 0x20).StoreUnsafe(ref to, (nuint)(3 * targetStride));
            Avx.Permute2x128(b0, b4, 0x31).StoreUnsafe(ref to, (nuint)(4 * targetStride));
            Avx.Permute2x128(b1, b5, 0x31).StoreUnsafe(ref to, (nuint)(5 * targetStride));
            Avx.Permute2x128(b2, b6, 0x31).StoreUnsafe(ref to, (nuint)(6 * targetStride));
            Avx.Permute2x128(b3, b7, 0x31).StoreUnsafe(ref to, (nuint)(7 * targetStride));
        }
    }
}
