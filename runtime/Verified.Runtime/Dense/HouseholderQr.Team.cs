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

    /// <summary>
    /// A panel's own level-2 work as <see cref="BlockReflector{T}"/> runs it beside the later columns' products: the next
    /// panel's reflectors and T once its columns are up to date (<see cref="NextFactor"/>), or this panel's columns of Q
    /// (<see cref="Form"/>). Each is the very sequence of operations of the one-thread order, so the factors are the same
    /// to the last bit whichever thread runs it. One instance per factoriser: no allocation per factorisation.
    /// </summary>
    private sealed class PanelSteps<TV, TOps> where TV : struct where TOps : ISimd<TV, T>
    {
        private readonly HouseholderQr<T> _qr;
        private readonly BlockReflector<T> _block;
        private Pair<TV, TOps>[] _pairs = [];
        private int _first, _end;

        public PanelSteps(HouseholderQr<T> qr, BlockReflector<T> block)
        {
            (_qr, _block) = (qr, block);
            NextFactor = new Step(this, forming: false);
            Form = new Step(this, forming: true);
        }

        /// <summary>Factors panel <paramref name="first"/> … <paramref name="end"/>−1 and builds its T.</summary>
        public void Factor(Pair<TV, TOps>[] pairs, int first, int end)
        {
            _qr.FactorPanel(pairs, first, end);
            _block.Build(_qr._columns.Span, _qr._beta, first, end);
        }

        /// <summary>The panel the next <see cref="NextFactor"/> or <see cref="Form"/> works on.</summary>
        public void Next(Pair<TV, TOps>[] pairs, int first, int end) => (_pairs, _first, _end) = (pairs, first, end);

        public BlockReflector<T>.IPanelWork NextFactor { get; }

        public BlockReflector<T>.IPanelWork Form { get; }

        private sealed class Step(PanelSteps<TV, TOps> steps, bool forming) : BlockReflector<T>.IPanelWork
        {
            public void Run()
            {
                if (forming)
                {
                    steps._qr.FormPanel(steps._pairs, steps._first, steps._end);
                }
                else
                {
                    steps.Factor(steps._pairs, steps._first, steps._end);
                }
            }
        }
    }
}
