using System.Linq;
using Verified.Generators.Model;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    /// <summary>Tangent: D_s·Q column by column through the graph (forward mode), D_s never formed.</summary>
    private void EmitTangent()
    {
        EmitSignature("Tangent", ", " + ReadOnlySpan + " q, " + Span + " dq, int k");
        _w.Line("Require(theta, state, input, 1);");
        _w.Line("Require(q.Length, StateSize * k, nameof(q));");
        _w.Line("Require(dq.Length, StateSize * k, nameof(dq));");
        _w.Line("EnsureColumns(1);");
        _w.Line("EnsureTangentColumns(k);");
        _w.Line("int cols = 1;");
        EmitPrimalPass();
        // A state's new tangent is computed in place in its rows of dq when it is a buffer of its own
        // (not a state's tangent, not shared with another state); otherwise it is copied there at the end.
        var inPlace = new System.Collections.Generic.Dictionary<int, int>();
        for (var s = 0; s < _model.States.Count; s++)
        {
            var root = TangentRoot(_model.UpdateNodes[s]);
            if (Node(_model.UpdateNodes[s]).DependsOnState && HasBuffer(root, Buffer.Dot) && !inPlace.ContainsKey(root))
            {
                inPlace[root] = s;
            }
        }
        EmitTangentLocals(node => inPlace.TryGetValue(node, out var s) ? DqRows(s) : null);
        EmitTangentForward(node => true);
        for (var s = 0; s < _model.States.Count; s++)
        {
            if (!inPlace.TryGetValue(TangentRoot(_model.UpdateNodes[s]), out var owner) || owner != s)
            {
                EmitCopyOut(_model.UpdateNodes[s], DqRows(s), StateRows(s), "k", Buffer.Dot);
            }
        }
        _w.Close();
    }

    private string DqRows(int state) => "dq.Slice(" + StateOffset(state) + " * k, " + StateRows(state) + " * k)";

    /// <summary>The tangents of the state blocks are the rows of Q; the other tangents are buffers, or the spans <paramref name="placement"/> gives.</summary>
    private void EmitTangentLocals(System.Func<int, string?>? placement = null)
    {
        for (var s = 0; s < _model.States.Count; s++)
        {
            _w.Line(ReadOnlySpan + " " + _names.States[s] + "Dot = q.Slice(" + StateOffset(s) + " * k, " + StateRows(s) + " * k);");
        }
        EmitBufferLocals(Buffer.Dot, "k", clear: false, placement);
    }

    /// <summary>ẏ = Σ_o ∂y/∂o ⊙ ȯ for element-wise nodes, ẏ = W ȧ for Mat·Vec, ẏ = the block of ȧ for Block, for the nodes <paramref name="include"/> selects.</summary>
    private void EmitTangentForward(System.Func<int, bool> include)
    {
        foreach (var node in Indices.Where(node => IsComputed(Node(node)) && Node(node).DependsOnState && TangentAlias(node) < 0 && include(node)))
        {
            var n = Node(node);
            _w.Line("// " + Local(node, Buffer.Dot) + " = d(" + n.Text + ")");
            if (n.Kind == NodeKind.MatVec)
            {
                var parameter = _model.Parameters[n.Index];
                _w.Line(GemmCall("Multiply") + _names.Parameters[n.Index] + ", " + Local(n.A, Buffer.Dot) + ", " + Local(node, Buffer.Dot) + ", " +
                    Size(parameter.Rows) + ", " + Size(parameter.Columns) + ", k, accumulate: false);");
                continue;
            }
            if (n.Kind == NodeKind.Block)
            {
                _w.Line(Local(n.A, Buffer.Dot) + ".Slice(" + BlockStart(node) + " * k, " + Rows(node) + " * k).CopyTo(" + Local(node, Buffer.Dot) + ");");
                continue;
            }
            // Row by row, ẏ_row = Σ_o (∂y/∂o)_row ȯ_row over the k columns, with SIMD row kernels.
            _w.Open("for (int row = 0; row < " + Rows(node) + "; row++)");
            _w.Line("var target = " + Local(node, Buffer.Dot) + ".Slice(row * k, k);");
            var first = true;
            foreach (var (operand, position) in StateDependentOperands(node))
            {
                var derivative = FirstDerivative(node, position);
                var source = Local(operand, Buffer.Dot) + ".Slice(row * k, k)";
                var factor = derivative.IsOne ? Literal(1) : Render(derivative, node, "row", "row");
                _w.Line(first
                    ? "global::Verified.Dense.Blas.ScaleTo<" + _type + ">(" + factor + ", " + source + ", target);"
                    : "global::Verified.Dense.Blas.Axpy<" + _type + ">(" + factor + ", " + source + ", target);");
                first = false;
            }
            _w.Close();
        }
    }

    private System.Collections.Generic.IEnumerable<(int Operand, int Position)> StateDependentOperands(int node) =>
        Operands(node).Select((operand, position) => (operand, position)).Where(term => Node(term.operand).DependsOnState);
}
