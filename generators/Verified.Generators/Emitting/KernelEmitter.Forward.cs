using System.Linq;
using Verified.Generators.Analysis;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    /// <summary>
    /// The one forward body, h_{s+1} = f(h_s, x_{s+1}; θ) for `cols` columns, that every entry point calls:
    /// the tape's values go straight into a recorded tape (rather than being copied there) and the others
    /// into the buffers; the new state is copied into `next` unless it is empty (the passes that only need the values).
    /// </summary>
    private void EmitForwardBody()
    {
        Signature("private", "Forward", ", int cols, " + KernelContext.Span + " next, " + KernelContext.Span + " tape");
        EmitInputLocals();
        EmitValueLocals(KernelContext.Span, fromTape: true, include: _ => true);
        foreach (var node in Computed)
        {
            EmitForwardNode(node);
        }
        W.Open("if (next.IsEmpty)");
        W.Line("return;");
        W.Close();
        for (var s = 0; s < Model.States.Count; s++)
        {
            EmitCopyOut(Model.UpdateNodes[s], "next.Slice(" + _c.StateOffset(s) + " * cols, " + _c.StateRows(s) + " * cols)", _c.StateRows(s), "cols", BufferKind.Value);
        }
        W.Close();
    }

    /// <summary>Step, with and without recording the tape.</summary>
    private void EmitSteps()
    {
        foreach (var withTape in new[] { false, true })
        {
            Signature("public override", "Step", ", " + KernelContext.Span + " next, int batch" + (withTape ? ", " + KernelContext.Span + " tape" : ""));
            W.Line("Require(theta, state, input, batch);");
            W.Line("Require(next.Length, StateSize * batch, nameof(next));");
            if (withTape)
            {
                W.Line("Require(tape.Length, TapeLength(batch), nameof(tape));");
            }
            W.Line("EnsureColumns(batch);");
            W.Line("Forward(theta, state, input, batch, next, " + (withTape ? "tape" : "default") + ");");
            W.Close();
            if (!withTape)
            {
                W.Line();
            }
        }
    }

    private void EmitTapeLength()
    {
        var rows = Plan.Tape.Select(_c.Rows).ToList();
        W.Line("public override int TapeLength(int batch) => (" + (rows.Count == 0 ? "0" : string.Join(" + ", rows)) + ") * batch;");
    }
}
