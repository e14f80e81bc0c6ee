using System.Linq;
using Verified.Generators.Model;
using Verified.Generators.Rules;

namespace Verified.Generators.Analysis;

/// <summary>
/// The node that owns each node's primal adjoint buffer. A computed vector whose only use is an
/// operand its consumer's rule passes the adjoint to unchanged (a term of a sum, the minuend of a
/// difference: ā = ȳ) shares the consumer's buffer, so the reverse passes neither clear, copy nor add
/// it. An update node keeps its own, as its adjoint is also seeded from nextBar.
/// </summary>
internal static class AdjointRoots
{
    /// <summary>Consumers first, so that a chain of sums collapses to its last.</summary>
    public static int[] Of(CellModel model)
    {
        var count = model.Nodes.Count;
        var uses = new int[count];
        var consumer = new int[count];
        for (var node = 0; node < count; node++)
        {
            if (!model.Nodes[node].IsComputed)
            {
                continue;
            }
            foreach (var operand in model.Operands(node))
            {
                uses[operand]++;
                consumer[operand] = node;
            }
        }
        var roots = new int[count];
        for (var node = count - 1; node >= 0; node--)
        {
            roots[node] = node;
            if (!model.IsComputedVector(node) || uses[node] != 1 || model.UpdateNodes.Contains(node))
            {
                continue;
            }
            var sum = consumer[node];
            if (model.IsComputedVector(sum) && NodeRule.For(model.Nodes[sum].Kind).PassesAdjointTo(model, sum, node))
            {
                roots[node] = roots[sum];
            }
        }
        return roots;
    }
}
