using Verified.Generators.Model;
using Verified.Generators.Rules;

namespace Verified.Generators.Analysis;

/// <summary>
/// Which node's tangent (and tangent adjoint) each node shares, or −1: a node whose rule says its
/// tangent is one operand's (a sum with one state-dependent term entering with factor 1) has that
/// operand's, so the tangent passes neither copy nor add it.
/// </summary>
internal static class TangentAliases
{
    /// <summary>In graph order, so that an operand's alias is known first and chains collapse to their root.</summary>
    public static int[] Of(CellModel model)
    {
        var aliases = new int[model.Nodes.Count];
        for (var node = 0; node < model.Nodes.Count; node++)
        {
            var through = model.Nodes[node].IsComputed ? NodeRule.For(model.Nodes[node].Kind).TangentAlias(model, node) : -1;
            aliases[node] = through < 0 ? -1 : aliases[through] >= 0 ? aliases[through] : through;
        }
        return aliases;
    }
}
