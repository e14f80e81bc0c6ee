using System.Linq;
using Verified.Generators.Model;
using Verified.Generators.Rules;

namespace Verified.Generators.Analysis;

/// <summary>
/// Every node's <see cref="JacobianShape"/> and the state block of an identity or diagonal one,
/// computed once in graph order (operands first), so that neither recursion depth nor repeated visits
/// of shared operands grow with the graph.
/// </summary>
internal static class JacobianStructure
{
    public static (JacobianShape[] Shapes, int[] Blocks) Of(CellModel model)
    {
        var shapes = new JacobianShape[model.Nodes.Count];
        var blocks = new int[model.Nodes.Count];
        for (var node = 0; node < model.Nodes.Count; node++)
        {
            var n = model.Nodes[node];
            var dependent = n.IsComputed ? model.Operands(node).Where(operand => model.Nodes[operand].DependsOnState).ToList() : null;
            blocks[node] = n.Kind == NodeKind.State ? n.Index : dependent is { Count: > 0 } ? blocks[dependent[0]] : -1;
            shapes[node] = !n.DependsOnState ? JacobianShape.Zero
                : n.Kind == NodeKind.State ? JacobianShape.Identity
                : NodeRule.For(n.Kind).Shape(model, node, shapes, blocks);
        }
        return (shapes, blocks);
    }
}
