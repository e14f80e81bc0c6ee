using System.Collections.Generic;
using Verified.Generators.Model;

namespace Verified.Generators.Analysis;

/// <summary>The structural questions every analysis and rule asks of a cell's expression graph.</summary>
internal static class Graph
{
    public static bool IsComputedVector(this CellModel model, int node) => model.Nodes[node].IsComputed && !model.Nodes[node].IsScalar;

    /// <summary>A node's operands, in position order (A, then B for a binary primitive).</summary>
    public static IEnumerable<int> Operands(this CellModel model, int node)
    {
        var n = model.Nodes[node];
        yield return n.A;
        if (n.Kind == NodeKind.Binary)
        {
            yield return n.B;
        }
    }

    /// <summary>Whether reading or accumulating a node needs the row index (a vector parameter broadcast over the columns).</summary>
    public static bool NeedsRow(this CellModel model, int node) => model.Nodes[node] is { Kind: NodeKind.Parameter, IsScalar: false };
}
