using System.Numerics;
using Verified.Dense.Threading;

namespace Verified.Dense;

public sealed partial class HouseholderQr<T>
{
    /// <summary>
    /// A panel's reflections of the later columns shared over a <see cref="WorkerTeam"/>, a run of
    /// whole column groups a chunk: the groups never share a column, and each column meets the pairs in
    /// the one-thread order, so the factors are the same to the last bit for every team size.
    /// One instance per factoriser: no allocation per factorisation.
    /// </summary>
    private sealed class ReflectionGroups<TV, TOps>(HouseholderQr<T> qr) : IChunkedWork where TV : struct where TOps : ISimd<TV, T>
    {
        private Pair<TV, TOps>[] _pairs = [];
        private int _count, _first, _last, _groups, _groupsPerChunk;

        public void Run(WorkerTeam team, Pair<TV, TOps>[] pairs, int count, int first, int last, int groups)
        {
            var chunks = Math.Min(groups, 4 * team.Size);
            (_pairs, _count, _first, _last, _groups, _groupsPerChunk) = (pairs, count, first, last, groups, (groups + chunks - 1) / chunks);
            team.Run(this, (groups + _groupsPerChunk - 1) / _groupsPerChunk);
        }

        public void Run(int chunk)
        {
            var from = chunk * _groupsPerChunk;
            qr.ReflectGroups(_pairs, _count, _first, _last, from, Math.Min(_groups, from + _groupsPerChunk));
        }
    }
}
