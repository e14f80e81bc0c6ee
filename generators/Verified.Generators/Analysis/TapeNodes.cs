using System.Collections.Generic;
using System.Linq;
using Verified.Generators.Model;
using Verified.Generators.Rules;

namespace Verified.Generators.Analysis;

/// <summary>
/// The tape: the computed vectors the reverse pass reads, in graph order, as each rule's pullback
/// names them (the operand of a Mat·Vec for W̄, every value a first derivative is written in).
/// </summary>
internal static class TapeNodes
{
    public static int[] Of(CellModel model)
    {
        var read = new HashSet<int>();
        for (var node = 0; node < model.Nodes.Count; node++)
        {
            if (model.Nodes[node].IsComputed && model.Nodes[node].NeedsAdjoint)
            {
                read.UnionWith(NodeRule.For(model.Nodes[node].Kind).ValuesReadByPullback(model, node));
            }
        }
        return Enumerable.Range(0, model.Nodes.Count).Where(node => model.IsComputedVector(node) && read.Contains(node)).ToArray();
    }
}
