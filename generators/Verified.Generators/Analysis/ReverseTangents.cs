using System.Collections.Generic;
using Verified.Generators.Model;
using Verified.Generators.Rules;

namespace Verified.Generators.Analysis;

/// <summary>
/// The tangents TangentVjp's reverse pass reads (by the node owning the buffer), with everything they
/// are computed from: what each rule's tangent pullback names (the operand of a Mat·Vec for
/// W̄ += ẏ̄ ȧᵀ, the operands of second-order terms). The tangent of the cell's output itself is never needed.
/// </summary>
internal static class ReverseTangents
{
    public static bool[] Of(CellModel model, IReadOnlyList<int> tangentAliases)
    {
        var needed = new bool[model.Nodes.Count];
        // A work list rather than recursion: the tangents a node needs can reach down the whole graph.
        var pending = new Stack<int>();
        for (var node = 0; node < model.Nodes.Count; node++)
        {
            var n = model.Nodes[node];
            if (!n.IsComputed || !n.DependsOnState || tangentAliases[node] >= 0)
            {
                continue;
            }
            foreach (var read in NodeRule.For(n.Kind).TangentsReadByTangentPullback(model, node))
            {
                pending.Push(read);
            }
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                var root = tangentAliases[next] >= 0 ? tangentAliases[next] : next;
                if (!model.Nodes[root].DependsOnState || needed[root])
                {
                    continue;
                }
                needed[root] = true;
                if (!model.Nodes[root].IsComputed)
                {
                    continue;
                }
                foreach (var operand in model.Operands(root))
                {
                    pending.Push(operand);
                }
            }
        }
        return needed;
    }
}
