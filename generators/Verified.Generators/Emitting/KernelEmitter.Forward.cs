using System.Collections.Generic;
using System.Linq;
using Verified.Generators.Differentiation;
using Verified.Generators.Model;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    private void EmitSignature(string name, string extra)
    {
        _w.Open("public override void " + name + "(" + ReadOnlySpan + " theta, " + ReadOnlySpan + " state, " + ReadOnlySpan + " input" + extra + ")");
    }

    /// <summary>
    /// Step: h_{s+1} = f(h_s, x_{s+1}; θ) for a batch of sequences; <paramref name="withTape"/>, the
    /// values the reverse pass reads are computed straight into the tape rather than copied there.
    /// </summary>
    private void EmitStep(bool withTape)
    {
        EmitSignature("Step", ", " + Span + " next, int batch" + (withTape ? ", " + Span + " tape" : ""));
        _w.Line("Require(theta, state, input, batch);");
        _w.Line("Require(next.Length, StateSize * batch, nameof(next));");
        if (withTape)
        {
            _w.Line("Require(tape.Length, TapeLength(batch), nameof(tape));");
        }
        _w.Line("EnsureColumns(batch);");
        _w.Line("int cols = batch;");
        var tape = withTape ? TapeSlices("cols") : new Dictionary<int, string>();
        EmitParameterLocals();
        EmitStateLocals("cols");
        EmitBufferLocals(Buffer.Value, "cols", clear: false, placement: node => tape.TryGetValue(node, out var slice) ? slice : null);
        EmitForward("cols");
        for (var s = 0; s < _model.States.Count; s++)
        {
            EmitCopyOut(_model.UpdateNodes[s], "next.Slice(" + StateOffset(s) + " * cols, " + StateRows(s) + " * cols)", StateRows(s), "cols");
        }
        _w.Close();
    }

    /// <summary>Locals over θ, the state and the buffers, then the forward pass, for the method's `cols` columns (the passes that recompute it).</summary>
    private void EmitPrimalPass()
    {
        EmitParameterLocals();
        EmitStateLocals("cols");
        EmitBufferLocals(Buffer.Value, "cols", clear: false);
        EmitForward("cols");
    }

    /// <summary>
    /// The tape: the values the reverse pass reads, one buffer after another for `cols` columns —
    /// the operand of each Mat·Vec (for W̄) and every value a first derivative is written in.
    /// </summary>
    private IEnumerable<int> TapeNodes
    {
        get
        {
            var read = new HashSet<int>();
            foreach (var node in Indices.Where(node => IsComputed(Node(node)) && Node(node).NeedsAdjoint))
            {
                var n = Node(node);
                if (n.Kind == NodeKind.MatVec)
                {
                    read.Add(n.A);
                    continue;
                }
                if (n.Kind == NodeKind.Block)
                {
                    // Linear: its pullback reads no value.
                    continue;
                }
                var operands = Operands(node).ToList();
                for (var position = 0; position < operands.Count; position++)
                {
                    if (!Node(operands[position]).NeedsAdjoint)
                    {
                        continue;
                    }
                    var derivative = FirstDerivative(node, position);
                    if (derivative.Uses(Variable.Y))
                    {
                        read.Add(node);
                    }
                    if (derivative.Uses(Variable.X) || derivative.Uses(Variable.A))
                    {
                        read.Add(n.A);
                    }
                    if (derivative.Uses(Variable.B))
                    {
                        read.Add(n.B);
                    }
                }
            }
            return Indices.Where(node => HasBuffer(node, Buffer.Value) && read.Contains(node));
        }
    }

    private void EmitTapeLength()
    {
        var rows = TapeNodes.Select(Rows).ToList();
        _w.Line("public override int TapeLength(int batch) => (" + (rows.Count == 0 ? "0" : string.Join(" + ", rows)) + ") * batch;");
    }

    /// <summary>Each tape node's span of the tape for <paramref name="cols"/> columns, one after another.</summary>
    private Dictionary<int, string> TapeSlices(string cols)
    {
        var slices = new Dictionary<int, string>();
        var before = new List<string>();
        foreach (var node in TapeNodes)
        {
            var offset = before.Count == 0 ? "0" : before.Count == 1 ? before[0] + " * " + cols : "(" + string.Join(" + ", before) + ") * " + cols;
            slices[node] = "tape.Slice(" + offset + ", " + Rows(node) + " * " + cols + ")";
            before.Add(Rows(node));
        }
        return slices;
    }

    /// <summary>Read-only views of the tape in place of the forward buffers.</summary>
    private void EmitTapeLocals()
    {
        foreach (var slice in TapeSlices("cols"))
        {
            _w.Line(ReadOnlySpan + " " + _names[slice.Key] + " = " + slice.Value + ";");
        }
    }

    /// <summary>The forward pass over every node (or only the scalar ones), for <paramref name="cols"/> columns.</summary>
    private void EmitForward(string cols, bool scalarsOnly = false)
    {
        foreach (var node in Indices.Where(node => IsComputed(Node(node)) && (!scalarsOnly || Node(node).IsScalar)))
        {
            var n = Node(node);
            _w.Line("// " + _names[node] + " = " + n.Text);
            if (n.Kind == NodeKind.MatVec)
            {
                var parameter = _model.Parameters[n.Index];
                _w.Line(GemmCall("Multiply") + _names.Parameters[n.Index] + ", " + _names[n.A] + ", " + _names[node] + ", " +
                    Size(parameter.Rows) + ", " + Size(parameter.Columns) + ", " + cols + ", accumulate: false);");
                continue;
            }
            if (n.Kind == NodeKind.Block)
            {
                // y = rows [start, start + m) of a: contiguous in the feature-major layout, or a slice of a broadcast parameter.
                if (NeedsRow(n.A))
                {
                    Loop(Rows(node), cols, needsRow: true, () => _w.Line(_names[node] + "[at] = " + _names[n.A] + "[" + BlockStart(node) + " + row];"));
                }
                else
                {
                    _w.Line(_names[n.A] + ".Slice(" + BlockStart(node) + " * " + cols + ", " + Rows(node) + " * " + cols + ").CopyTo(" + _names[node] + ");");
                }
                continue;
            }
            var formula = n.Kind == NodeKind.Unary
                ? PrimitiveRules.ForUnary(n.Primitive).Value
                : PrimitiveRules.ForBinary(n.Primitive).Value;
            if (n.IsScalar)
            {
                _w.Line(_type + " " + _names[node] + " = " + Render(formula, node, "at", "row") + ";");
                continue;
            }
            if (PrimitiveRules.VectorRoutine(n.Primitive) is { } routine && !Operands(node).Any(NeedsRow))
            {
                // Whole buffers at once: operands are buffers of this node's shape or scalars.
                var arguments = Operands(node).Select(operand => Node(operand).Kind == NodeKind.Constant ? Literal(Node(operand).Constant) : _names[operand]);
                _w.Line("global::Verified.Dense.ElementWise." + routine + "<" + _type + ">(" + string.Join(", ", arguments) + ", " + _names[node] + ");");
                continue;
            }
            if (n.Primitive == Primitive.Add && NeedsRow(n.A) != NeedsRow(n.B) && !Node(n.A).IsScalar && !Node(n.B).IsScalar)
            {
                // A buffer plus a vector parameter broadcast over the columns (a bias), row by row in vectors.
                var (buffer, broadcast) = NeedsRow(n.A) ? (n.B, n.A) : (n.A, n.B);
                _w.Line("global::Verified.Dense.ElementWise.AddRows<" + _type + ">(" + _names[buffer] + ", " + _names[broadcast] + ", " + _names[node] + ", " + cols + ");");
                continue;
            }
            Loop(Rows(node), cols, Operands(node).Any(NeedsRow), () =>
                _w.Line(_names[node] + "[at] = " + Render(formula, node, "at", "row") + ";"));
        }
    }

    /// <summary>Copies a node's value (or tangent) into an output block, broadcasting a parameter.</summary>
    private void EmitCopyOut(int node, string target, string rows, string cols, Buffer buffer = Buffer.Value)
    {
        var n = Node(node);
        if (buffer == Buffer.Dot && !n.DependsOnState)
        {
            _w.Line(target + ".Clear();");
        }
        else if (n.Kind == NodeKind.Parameter)
        {
            _w.Line("var " + _names[node] + "Out = " + target + ";");
            Loop(rows, cols, needsRow: true, () => _w.Line(_names[node] + "Out[at] = " + _names[node] + "[row];"));
        }
        else
        {
            _w.Line((buffer == Buffer.Dot ? Local(node, Buffer.Dot) : _names[node]) + ".CopyTo(" + target + ");");
        }
    }
}
