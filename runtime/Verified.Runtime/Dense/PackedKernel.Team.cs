using System.Numerics;
using System.Runtime.CompilerServices;
using Verified.Dense.Threading;

namespace Verified.Dense;

internal static partial class PackedKernel
{
    /// <summary>
    /// A product's row blocks shared over a <see cref="WorkerTeam"/>: the operands are pinned for the
    /// call and reached through pointers, B is packed once by the caller, and each chunk is a run of
    /// whole row blocks (the last chunk ends at m), so each element of C is computed, and stored, by
    /// exactly the operations of the one-thread loop. One instance per thread and type: no allocation per product.
    /// </summary>
    private sealed unsafe class RowBlocksOnTeam<T, TV, TOps> : IChunkedWork
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TOps : ISimd<TV, T>
    {
        [ThreadStatic]
        private static RowBlocksOnTeam<T, TV, TOps>? _instance;

        private T* _a, _b, _packed, _c;
        private int _aRow, _aCol, _bRow, _cRow, _m, _p, _n, _vectors, _blocks, _blocksPerChunk;
        private bool _inPlace, _accumulate, _lowerOnly;

        public static void Run(WorkerTeam team, ref T a0, int aRow, int aCol, ref T b0, int bRow, ref T packed, bool inPlace, ref T c0, int cRow,
            int m, int p, int n, bool accumulate, bool lowerOnly, int vectors, int blocks)
        {
            var work = _instance ??= new RowBlocksOnTeam<T, TV, TOps>();
            // About four chunks a thread, so that a thread slowed by the host does not hold the others up.
            var chunks = Math.Min(blocks, 4 * team.Size);
            fixed (T* a = &a0, b = &b0, pk = &packed, c = &c0)
            {
                work._a = a;
                work._b = b;
                work._packed = pk;
                work._c = c;
                (work._aRow, work._aCol, work._bRow, work._cRow, work._m, work._p, work._n, work._vectors) = (aRow, aCol, bRow, cRow, m, p, n, vectors);
                (work._blocks, work._blocksPerChunk, work._inPlace, work._accumulate, work._lowerOnly) = (blocks, (blocks + chunks - 1) / chunks, inPlace, accumulate, lowerOnly);
                team.Run(work, (blocks + work._blocksPerChunk - 1) / work._blocksPerChunk);
                work._a = work._b = work._packed = work._c = null;
            }
        }

        public void Run(int chunk)
        {
            var from = chunk * _blocksPerChunk;
            RowBlocks<T, TV, TOps>(ref Unsafe.AsRef<T>(_a), _aRow, _aCol, ref Unsafe.AsRef<T>(_b), _bRow, ref Unsafe.AsRef<T>(_packed), _inPlace,
                ref Unsafe.AsRef<T>(_c), _cRow, _m, _p, _n, _accumulate, _lowerOnly, _vectors, from, Math.Min(_blocks, from + _blocksPerChunk));
        }
    }
}
