using System.Collections.Generic;
using System.Linq;
using Verified.Generators.Model;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    /// <summary>
    /// The structure of ∂node/∂h known at generation time: zero; the identity on one state block;
    /// a diagonal on one state block (element-wise functions of one state); or dense rows×n.
    /// </summary>
    private enum JacKind { Zero, Identity, Diagonal, Dense }

    private JacKind JacobianKind(int node) => _jacobianKinds[node];

    /// <summary>The state block of an identity or diagonal Jacobian.</summary>
    private int JacobianBlock(int node) => _jacobianBlocks[node];

    /// <summary>
    /// Every node's Jacobian structure and block, computed once in graph order (operands first),
    /// so that neither recursion depth nor repeated visits of shared operands grow with the graph.
    /// </summary>
    private (JacKind[] Kinds, int[] Blocks) JacobianStructure()
    {
        var kinds = new JacKind[_model.Nodes.Count];
        var blocks = new int[_model.Nodes.Count];
        foreach (var node in Indices)
        {
            var n = Node(node);
            var dependent = IsComputed(n) ? Operands(node).Where(operand => Node(operand).DependsOnState).ToList() : new List<int>();
            blocks[node] = n.Kind == NodeKind.State ? n.Index : dependent.Count > 0 ? blocks[dependent[0]] : -1;
            kinds[node] = !n.DependsOnState ? JacKind.Zero
                : n.Kind == NodeKind.State ? JacKind.Identity
                : n.Kind is NodeKind.MatVec or NodeKind.Block ? JacKind.Dense
                : dependent.All(operand => kinds[operand] is JacKind.Identity or JacKind.Diagonal) && dependent.Select(operand => blocks[operand]).Distinct().Count() == 1
                    ? JacKind.Diagonal
                    : JacKind.Dense;
        }
        return (kinds, blocks);
    }

    private string JacobianField(int node) => "_" + _names[node] + "Jac";

    private string JacobianLocal(int node) => _names[node] + "Jac";

    /// <summary>Jacobian: D_s = ∂h_{s+1}/∂h_s, dense n×n, built from each node's structured Jacobian.</summary>
    private void EmitJacobian()
    {
        EmitSignature("Jacobian", ", " + Span + " jacobian");
        _w.Line("Require(theta, state, input, 1);");
        _w.Line("int n = StateSize;");
        _w.Line("Require(jacobian.Length, n * n, nameof(jacobian));");
        _w.Line("EnsureColumns(1);");
        _w.Line("int cols = 1;");
        EmitPrimalPass();
        foreach (var node in Indices.Where(node => IsComputed(Node(node)) && Node(node).DependsOnState))
        {
            _w.Line("// ∂" + _names[node] + "/∂h: " + JacobianKind(node));
            switch (JacobianKind(node))
            {
                case JacKind.Diagonal:
                    EmitDiagonalJacobian(node);
                    break;
                default:
                    EmitDenseJacobian(node);
                    break;
            }
        }
        _w.Line("jacobian.Slice(0, n * n).Clear();");
        for (var s = 0; s < _model.States.Count; s++)
        {
            var update = _model.UpdateNodes[s];
            var rows = StateRows(s);
            switch (JacobianKind(update))
            {
                case JacKind.Identity:
                    _w.Open("for (int row = 0; row < " + rows + "; row++)");
                    _w.Line("jacobian[(" + StateOffset(s) + " + row) * n + " + StateOffset(JacobianBlock(update)) + " + row] = " + Literal(1) + ";");
                    _w.Close();
                    break;
                case JacKind.Diagonal:
                    _w.Open("for (int row = 0; row < " + rows + "; row++)");
                    _w.Line("jacobian[(" + StateOffset(s) + " + row) * n + " + StateOffset(JacobianBlock(update)) + " + row] = " + JacobianField(update) + "[row];");
                    _w.Close();
                    break;
                case JacKind.Dense:
                    _w.Line(JacobianField(update) + ".AsSpan().CopyTo(jacobian.Slice(" + StateOffset(s) + " * n, " + rows + " * n));");
                    break;
            }
        }
        _w.Close();
    }

    /// <summary>The diagonal of an element-wise node whose operands are diagonal on one block.</summary>
    private void EmitDiagonalJacobian(int node)
    {
        var operands = Operands(node).ToList();
        _w.Open("for (int row = 0; row < " + Rows(node) + "; row++)");
        var terms = operands
            .Select((operand, position) => (operand, position))
            .Where(term => Node(term.operand).DependsOnState)
            .Select(term =>
            {
                var derivative = Render(FirstDerivative(node, term.position), node, "row", "row");
                return JacobianKind(term.operand) == JacKind.Identity ? derivative : derivative + " * " + JacobianField(term.operand) + "[row]";
            });
        _w.Line(JacobianField(node) + "[row] = " + string.Join(" + ", terms) + ";");
        _w.Close();
    }

    /// <summary>Dense rows×n Jacobian: row-scaled operand Jacobians, or W times the operand's.</summary>
    private void EmitDenseJacobian(int node)
    {
        var n = Node(node);
        var target = JacobianField(node);
        if (n.Kind == NodeKind.MatVec)
        {
            var parameter = _model.Parameters[n.Index];
            var (rows, columns) = (Size(parameter.Rows), Size(parameter.Columns));
            var matrix = _names.Parameters[n.Index];
            switch (JacobianKind(n.A))
            {
                case JacKind.Dense:
                    _w.Line(GemmCall("Multiply") + matrix + ", " + JacobianField(n.A) + ", " + target + ", " + rows + ", " + columns + ", n, accumulate: false);");
                    return;
                default:
                    // W·diag(d) on the operand's block: columns of W scaled by d.
                    _w.Line(target + ".AsSpan().Clear();");
                    var scale = JacobianKind(n.A) == JacKind.Diagonal ? " * " + JacobianField(n.A) + "[col]" : "";
                    _w.Open("for (int row = 0; row < " + rows + "; row++)");
                    _w.Open("for (int col = 0; col < " + columns + "; col++)");
                    _w.Line(target + "[row * n + " + StateOffset(JacobianBlock(n.A)) + " + col] = " + matrix + "[row * " + columns + " + col]" + scale + ";");
                    _w.Close();
                    _w.Close();
                    return;
            }
        }
        if (n.Kind == NodeKind.Block)
        {
            // The block's rows of the operand's Jacobian: rows×n of a dense one, or one entry per row of an identity or diagonal.
            if (JacobianKind(n.A) == JacKind.Dense)
            {
                _w.Line(JacobianField(n.A) + ".AsSpan(" + BlockStart(node) + " * n, " + Rows(node) + " * n).CopyTo(" + target + ");");
                return;
            }
            _w.Line(target + ".AsSpan().Clear();");
            var entry = JacobianKind(n.A) == JacKind.Diagonal ? JacobianField(n.A) + "[" + BlockStart(node) + " + row]" : Literal(1);
            _w.Open("for (int row = 0; row < " + Rows(node) + "; row++)");
            _w.Line(target + "[row * n + " + StateOffset(JacobianBlock(n.A)) + " + " + BlockStart(node) + " + row] = " + entry + ";");
            _w.Close();
            return;
        }
        _w.Line(target + ".AsSpan().Clear();");
        _w.Open("for (int row = 0; row < " + Rows(node) + "; row++)");
        var position = 0;
        foreach (var operand in Operands(node))
        {
            if (Node(operand).DependsOnState)
            {
                var formula = FirstDerivative(node, position);
                var derivative = Render(formula, node, "row", "row");
                switch (JacobianKind(operand))
                {
                    case JacKind.Dense:
                        _w.Open("for (int col = 0; col < n; col++)");
                        _w.Line(target + "[row * n + col] += " + Times(formula, derivative, JacobianField(operand) + "[row * n + col]") + ";");
                        _w.Close();
                        break;
                    case JacKind.Diagonal:
                        _w.Line(target + "[row * n + " + StateOffset(JacobianBlock(operand)) + " + row] += " + Times(formula, derivative, JacobianField(operand) + "[row]") + ";");
                        break;
                    default:
                        _w.Line(target + "[row * n + " + StateOffset(JacobianBlock(operand)) + " + row] += " + derivative + ";");
                        break;
                }
            }
            position++;
        }
        _w.Close();
    }
}
