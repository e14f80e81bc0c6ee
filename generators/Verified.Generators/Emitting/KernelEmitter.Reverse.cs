using System.Linq;
using Verified.Generators.Analysis;
using Verified.Generators.Model;
using Verified.Generators.Rules;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    private const string Axpy = KernelContext.Blas + "Axpy<T>(";

    /// <summary>
    /// StepVjp: reverse mode through one step for a batch (backpropagation through time), recomputing
    /// the forward pass or reading it from a tape that Step recorded; both share one private reverse body.
    /// </summary>
    private void EmitStepVjps()
    {
        foreach (var fromTape in new[] { false, true })
        {
            Signature("public override", "StepVjp", ", " + KernelContext.ReadOnlySpan + " nextBar, " + KernelContext.Span + " stateBar, " + KernelContext.Span + " thetaBar, int batch" +
                (fromTape ? ", " + KernelContext.ReadOnlySpan + " tape" : ""));
            W.Line("Require(theta, state, input, batch);");
            W.Line("Require(nextBar.Length, StateSize * batch, nameof(nextBar));");
            W.Line("Require(stateBar.Length, StateSize * batch, nameof(stateBar));");
            W.Line("Require(thetaBar.Length, ParameterCount, nameof(thetaBar));");
            if (fromTape)
            {
                W.Line("Require(tape.Length, TapeLength(batch), nameof(tape));");
            }
            W.Line("EnsureColumns(batch);");
            if (!fromTape)
            {
                W.Line("Forward(theta, state, input, batch, default, default);");
            }
            W.Line("Reverse(theta, state, input, nextBar, stateBar, thetaBar, batch, " + (fromTape ? "tape" : "default") + ");");
            W.Close();
            W.Line();
        }
        EmitReverseBody();
    }

    /// <summary>The reverse body of StepVjp: the tape's values from a recorded tape, or from the buffers the forward body filled when `tape` is empty.</summary>
    private void EmitReverseBody()
    {
        Signature("private", "Reverse", ", " + KernelContext.ReadOnlySpan + " nextBar, " + KernelContext.Span + " stateBar, " + KernelContext.Span + " thetaBar, int cols, " +
            KernelContext.ReadOnlySpan + " tape");
        EmitInputLocals();
        EmitValueLocals(KernelContext.ReadOnlySpan, fromTape: true, include: Plan.IsOnTape);
        EmitScalars();
        W.Line("stateBar.Slice(0, StateSize * cols).Clear();");
        EmitAdjointLocals();
        var pass = new ReversePass(_c);
        for (var s = 0; s < Model.States.Count; s++)
        {
            var update = Model.UpdateNodes[s];
            if (!Node(update).NeedsAdjoint)
            {
                continue;
            }
            var seed = "nextBar.Slice(" + _c.StateOffset(s) + " * cols, " + _c.StateRows(s) + " * cols)";
            if (Model.IsComputedVector(update))
            {
                W.Line(Axpy + KernelContext.Literal(1) + ", " + seed + ", " + _c.Local(update, BufferKind.Bar) + ");");
            }
            else
            {
                _c.Loop(_c.StateRows(s), "cols", _c.NeedsRow(update), () =>
                    W.Line(_c.Accumulate(update, "at", "row", "nextBar[" + _c.StateOffset(s) + " * cols + at]")));
            }
            pass.Flow(update);
        }
        foreach (var node in Computed.Reverse().Where(pass.Flowed))
        {
            EmitPullback(pass, node);
        }
        EmitScalarParameterGradients();
        W.Close();
    }

    /// <summary>
    /// TangentVjp: the pullback of ⟨U, D_s Q⟩, reverse mode through the tangent pass. Each node's
    /// tangent adjoint flows to its operands' tangent adjoints (ending as qBar = D_sᵀU), and the second
    /// derivatives turn it into primal adjoints, which then flow back as in StepVjp.
    /// </summary>
    private void EmitTangentVjp()
    {
        Signature("public override", "TangentVjp", ", " + KernelContext.ReadOnlySpan + " q, " + KernelContext.ReadOnlySpan + " u, " + KernelContext.Span + " qBar, " +
            KernelContext.Span + " stateBar, " + KernelContext.Span + " thetaBar, int k");
        W.Line("Require(theta, state, input, 1);");
        W.Line("Require(q.Length, StateSize * k, nameof(q));");
        W.Line("Require(u.Length, StateSize * k, nameof(u));");
        W.Line("Require(qBar.Length, StateSize * k, nameof(qBar));");
        W.Line("Require(stateBar.Length, StateSize, nameof(stateBar));");
        W.Line("Require(thetaBar.Length, ParameterCount, nameof(thetaBar));");
        W.Line("EnsureColumns(1);");
        W.Line("EnsureTangentColumns(k);");
        W.Line("Forward(theta, state, input, 1, default, default);");
        W.Line("int cols = 1;");
        EmitPrimalLocals();
        EmitTangentLocals();
        EmitTangents(Plan.IsReverseTangent);
        for (var s = 0; s < Model.States.Count; s++)
        {
            W.Line(KernelContext.Span + " " + Names.States[s] + "DotBar = qBar.Slice(" + _c.StateOffset(s) + " * k, " + _c.StateRows(s) + " * k);");
        }
        foreach (var node in _c.Indices.Where(node => Plan.HasBuffer(node, BufferKind.DotBar)))
        {
            W.Line(KernelContext.Span + " " + _c.Local(node, BufferKind.DotBar) + " = " + FieldSpan(node, BufferKind.DotBar, "k") + ";");
        }
        EmitAdjointLocals();
        var pass = new ReversePass(_c);
        for (var s = 0; s < Model.States.Count; s++)
        {
            var update = Model.UpdateNodes[s];
            if (Node(update).DependsOnState)
            {
                var seed = "u.Slice(" + _c.StateOffset(s) + " * k, " + _c.StateRows(s) + " * k)";
                W.Line(pass.FirstTangentAdjointWrite(update)
                    ? seed + ".CopyTo(" + _c.Local(update, BufferKind.DotBar) + ");"
                    : Axpy + KernelContext.Literal(1) + ", " + seed + ", " + _c.Local(update, BufferKind.DotBar) + ");");
            }
        }
        foreach (var node in Computed.Reverse())
        {
            if (Node(node).DependsOnState && Plan.TangentAlias(node) < 0)
            {
                W.Line("// tangent adjoint of " + Names[node] + " = " + Node(node).Text);
                pass.EnsureTangentAdjointStarted(node);
                NodeRule.For(Node(node).Kind).TangentPullback(_c, pass, node);
            }
            if (pass.Flowed(node))
            {
                EmitPullback(pass, node);
            }
        }
        // Q̄'s blocks that nothing flowed into (a state the tangent does not depend on) are zero.
        for (var s = 0; s < Model.States.Count; s++)
        {
            var state = _c.Indices.Where(node => Node(node).Kind == NodeKind.State && Node(node).Index == s).DefaultIfEmpty(-1).First();
            if (state < 0 || !pass.TangentAdjointWritten(state))
            {
                W.Line(Names.States[s] + "DotBar.Clear();");
            }
        }
        EmitScalarParameterGradients();
        W.Close();
    }

    /// <summary>A node's first-order reverse step by its rule; its operands' adjoints are then non-zero.</summary>
    private void EmitPullback(ReversePass pass, int node)
    {
        W.Line("// adjoint of " + Names[node] + " = " + Node(node).Text);
        foreach (var operand in _c.Operands(node).Where(operand => Node(operand).NeedsAdjoint))
        {
            pass.Flow(operand);
        }
        NodeRule.For(Node(node).Kind).Pullback(_c, node, "cols");
    }

    /// <summary>Adjoints of the state blocks are the rows of stateBar; the others are cleared buffers and scalars.</summary>
    private void EmitAdjointLocals()
    {
        for (var s = 0; s < Model.States.Count; s++)
        {
            W.Line(KernelContext.Span + " " + Names.States[s] + "Bar = stateBar.Slice(" + _c.StateOffset(s) + " * cols, " + _c.StateRows(s) + " * cols);");
        }
        foreach (var node in _c.Indices.Where(node => Plan.HasBuffer(node, BufferKind.Bar)))
        {
            W.Line(KernelContext.Span + " " + _c.Local(node, BufferKind.Bar) + " = " + FieldSpan(node, BufferKind.Bar, "cols") + ";");
            W.Line(_c.Local(node, BufferKind.Bar) + ".Clear();");
        }
        foreach (var node in _c.Indices.Where(node => Node(node).IsScalar && Node(node).NeedsAdjoint))
        {
            W.Line("T " + _c.Local(node, BufferKind.Bar) + " = " + KernelContext.Literal(0) + ";");
        }
    }

    /// <summary>θ̄ of scalar parameters, accumulated in locals over the passes.</summary>
    private void EmitScalarParameterGradients()
    {
        foreach (var node in _c.Indices.Where(node => Node(node) is { Kind: NodeKind.Parameter, IsScalar: true }))
        {
            W.Line("thetaBar[" + _c.ParameterOffset(Node(node).Index) + "] += " + _c.Local(node, BufferKind.Bar) + ";");
        }
    }
}
