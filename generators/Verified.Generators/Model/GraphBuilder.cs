using System.Collections.Generic;
using System.Linq;

namespace Verified.Generators.Model;

/// <summary>
/// Builds the expression graph in topological order, sharing structurally equal nodes (so that a
/// subexpression written twice is computed once) and folding operations on constants.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly List<NodeModel> _nodes = new();
    private readonly Dictionary<(NodeKind, Primitive, int, int, int, double, SizeModel?), int> _shared = new();

    public NodeModel this[int index] => _nodes[index];

    public int State(int state, StateModel model) =>
        Add(new NodeModel(NodeKind.State, Primitive.None, -1, -1, state, 0, model.Size, model.Name, model.Name, true, true));

    public int Input(InputModel model) =>
        Add(new NodeModel(NodeKind.Input, Primitive.None, -1, -1, 0, 0, model.Size, model.Name, model.Name, false, false));

    public int Parameter(int parameter, ParameterModel model) =>
        Add(new NodeModel(NodeKind.Parameter, Primitive.None, -1, -1, parameter, 0,
            model.Kind == ParameterKind.Scalar ? null : model.Rows, model.Name, model.Name, false, true));

    public int Constant(double value) =>
        Add(new NodeModel(NodeKind.Constant, Primitive.None, -1, -1, 0, value, null, null,
            value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), false, false));

    public int Unary(Primitive primitive, int operand, string text)
    {
        var a = _nodes[operand];
        if (primitive == Primitive.Negate && a.Kind == NodeKind.Constant)
        {
            return Constant(-a.Constant);
        }
        return Add(new NodeModel(NodeKind.Unary, primitive, operand, -1, 0, 0, a.Size, null, text, a.DependsOnState, a.NeedsAdjoint));
    }

    public int Binary(Primitive primitive, int left, int right, string text)
    {
        var (a, b) = (_nodes[left], _nodes[right]);
        if (a.Kind == NodeKind.Constant && b.Kind == NodeKind.Constant)
        {
            return Constant(primitive switch
            {
                Primitive.Add => a.Constant + b.Constant,
                Primitive.Subtract => a.Constant - b.Constant,
                Primitive.Multiply => a.Constant * b.Constant,
                _ => a.Constant / b.Constant,
            });
        }
        return Add(new NodeModel(NodeKind.Binary, primitive, left, right, 0, 0, a.Size ?? b.Size, null, text,
            a.DependsOnState || b.DependsOnState, a.NeedsAdjoint || b.NeedsAdjoint));
    }

    public int MatVec(int matrix, int operand, SizeModel rows, string text) =>
        Add(new NodeModel(NodeKind.MatVec, Primitive.None, operand, -1, matrix, 0, rows, null, text, _nodes[operand].DependsOnState, true));

    /// <summary>Block <paramref name="index"/> of vector <paramref name="operand"/> split into blocks of <paramref name="size"/>.</summary>
    public int Block(int operand, int index, SizeModel size, string text)
    {
        var a = _nodes[operand];
        return Add(new NodeModel(NodeKind.Block, Primitive.None, operand, -1, index, 0, size, null, text, a.DependsOnState, a.NeedsAdjoint));
    }

    /// <summary>Gives a node the name of the property that defines it, unless it has one.</summary>
    public void Name(int node, string name)
    {
        if (_nodes[node].Name is null && _nodes[node].Kind is not NodeKind.Constant)
        {
            _nodes[node] = _nodes[node] with { Name = name };
        }
    }

    /// <summary>Keeps only the nodes the roots need, renumbered in the same order.</summary>
    public (List<NodeModel> Nodes, List<int> Roots) Prune(IReadOnlyList<int> roots)
    {
        var needed = new bool[_nodes.Count];
        var stack = new Stack<int>(roots.Where(root => root >= 0));
        while (stack.Count > 0)
        {
            var index = stack.Pop();
            if (needed[index])
            {
                continue;
            }
            needed[index] = true;
            foreach (var operand in new[] { _nodes[index].A, _nodes[index].B })
            {
                if (operand >= 0 && _nodes[index].IsComputed)
                {
                    stack.Push(operand);
                }
            }
        }
        var renumber = new int[_nodes.Count];
        var kept = new List<NodeModel>();
        for (var i = 0; i < _nodes.Count; i++)
        {
            renumber[i] = -1;
            if (!needed[i])
            {
                continue;
            }
            var node = _nodes[i];
            renumber[i] = kept.Count;
            kept.Add(node with
            {
                A = node.A >= 0 ? renumber[node.A] : -1,
                B = node.B >= 0 ? renumber[node.B] : -1,
            });
        }
        return (kept, roots.Select(root => renumber[root]).ToList());
    }

    private int Add(NodeModel node)
    {
        // The size tells apart blocks of the same index and operand that split it differently.
        var key = (node.Kind, node.Primitive, node.A, node.B, node.Index, node.Constant, node.Size);
        if (_shared.TryGetValue(key, out var existing))
        {
            return existing;
        }
        _nodes.Add(node);
        _shared[key] = _nodes.Count - 1;
        return _nodes.Count - 1;
    }
}
