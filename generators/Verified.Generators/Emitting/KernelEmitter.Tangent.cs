using System.Linq;
using Verified.Generators.Analysis;
using Verified.Generators.Rules;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    /// <summary>Tangent: D_s·Q column by column through the graph (forward mode), D_s never formed.</summary>
    private void EmitTangent()
    {
        Signature("public override", "Tangent", ", " + KernelContext.ReadOnlySpan + " q, " + KernelContext.Span + " dq, int k");
        W.Line("Require(theta, state, input, 1);");
        W.Line("Require(q.Length, StateSize * k, nameof(q));");
        W.Line("Require(dq.Length, StateSize * k, nameof(dq));");
        W.Line("EnsureColumns(1);");
        W.Line("EnsureTangentColumns(k);");
        W.Line("Forward(theta, state, input, 1, default, default);");
        W.Line("int cols = 1;");
        EmitPrimalLocals();
        // A state's new tangent is computed in place in its rows of dq when it is a buffer of its own
        // (not a state's tangent, not shared with another state); otherwise it is copied there at the end.
        var inPlace = new System.Collections.Generic.Dictionary<int, int>();
        for (var s = 0; s < Model.States.Count; s++)
        {
            var root = Plan.TangentRoot(Model.UpdateNodes[s]);
            if (Node(Model.UpdateNodes[s]).DependsOnState && Plan.HasBuffer(root, BufferKind.Dot) && !inPlace.ContainsKey(root))
            {
                inPlace[root] = s;
            }
        }
        EmitTangentLocals(node => inPlace.TryGetValue(node, out var s) ? DqRows(s) : null);
        EmitTangents(_ => true);
        for (var s = 0; s < Model.States.Count; s++)
        {
            if (!inPlace.TryGetValue(Plan.TangentRoot(Model.UpdateNodes[s]), out var owner) || owner != s)
            {
                EmitCopyOut(Model.UpdateNodes[s], DqRows(s), _c.StateRows(s), "k", BufferKind.Dot);
            }
        }
        W.Close();
    }

    private string DqRows(int state) => "dq.Slice(" + _c.StateOffset(state) + " * k, " + _c.StateRows(state) + " * k)";

    /// <summary>The tangents of the state blocks are the rows of Q; the other tangents are buffers for k columns, or the spans <paramref name="placement"/> gives.</summary>
    private void EmitTangentLocals(System.Func<int, string?>? placement = null)
    {
        for (var s = 0; s < Model.States.Count; s++)
        {
            W.Line(KernelContext.ReadOnlySpan + " " + Names.States[s] + "Dot = q.Slice(" + _c.StateOffset(s) + " * k, " + _c.StateRows(s) + " * k);");
        }
        foreach (var node in _c.Indices.Where(node => Plan.HasBuffer(node, BufferKind.Dot)))
        {
            W.Line(KernelContext.Span + " " + _c.Local(node, BufferKind.Dot) + " = " + (placement?.Invoke(node) ?? FieldSpan(node, BufferKind.Dot, "k")) + ";");
        }
    }

    /// <summary>ẏ of every state-dependent node that owns its tangent, among those <paramref name="include"/> selects, by its rule.</summary>
    private void EmitTangents(System.Func<int, bool> include)
    {
        foreach (var node in Computed.Where(node => Node(node).DependsOnState && Plan.TangentAlias(node) < 0 && include(node)))
        {
            W.Line("// " + _c.Local(node, BufferKind.Dot) + " = d(" + Node(node).Text + ")");
            NodeRule.For(Node(node).Kind).Tangent(_c, node);
        }
    }
}
