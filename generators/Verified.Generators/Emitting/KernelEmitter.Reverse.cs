using System.Linq;
using Verified.Generators.Differentiation;
using Verified.Generators.Model;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    /// <summary>StepVjp: reverse mode through one step for a batch (backpropagation through time),
    /// recomputing the forward pass or reading it from a tape that Step recorded.</summary>
    private void EmitStepVjp(bool fromTape)
    {
        EmitSignature("StepVjp", ", " + ReadOnlySpan + " nextBar, " + Span + " stateBar, " + Span + " thetaBar, int batch" + (fromTape ? ", " + ReadOnlySpan + " tape" : ""));
        _w.Line("Require(theta, state, input, batch);");
        _w.Line("Require(nextBar.Length, StateSize * batch, nameof(nextBar));");
        _w.Line("Require(stateBar.Length, StateSize * batch, nameof(stateBar));");
        _w.Line("Require(thetaBar.Length, ParameterCount, nameof(thetaBar));");
        if (fromTape)
        {
            _w.Line("Require(tape.Length, TapeLength(batch), nameof(tape));");
        }
        _w.Line("EnsureColumns(batch);");
        _w.Line("int cols = batch;");
        if (fromTape)
        {
            EmitParameterLocals();
            EmitStateLocals("cols");
            EmitTapeLocals();
            EmitForward("cols", scalarsOnly: true);
        }
        else
        {
            EmitPrimalPass();
        }
        _w.Line("stateBar.Slice(0, StateSize * cols).Clear();");
        EmitAdjointLocals("cols");
        _flowedAdjoints.Clear();
        for (var s = 0; s < _model.States.Count; s++)
        {
            var update = _model.UpdateNodes[s];
            if (Node(update).NeedsAdjoint)
            {
                var seed = "nextBar.Slice(" + StateOffset(s) + " * cols, " + StateRows(s) + " * cols)";
                if (IsComputedVector(update))
                {
                    _w.Line("global::Verified.Dense.Blas.Axpy<" + _type + ">(" + Literal(1) + ", " + seed + ", " + Local(update, Buffer.Bar) + ");");
                }
                else
                {
                    Loop(StateRows(s), "cols", NeedsRow(update), () =>
                        _w.Line(Accumulate(update, "at", "row", "nextBar[" + StateOffset(s) + " * cols + at]")));
                }
                _flowedAdjoints.Add(update);
            }
        }
        foreach (var node in Indices.Reverse().Where(node => IsComputed(Node(node)) && AdjointFlowed(node)))
        {
            EmitReverseNode(node, "cols");
        }
        EmitScalarParameterGradients();
        _w.Close();
    }

    /// <summary>
    /// TangentVjp: the pullback of ⟨U, D_s Q⟩, reverse mode through the tangent pass. Each node's
    /// tangent adjoint flows to its operands' tangent adjoints (ending as qBar = D_sᵀU), and the
    /// second derivatives turn it into primal adjoints, which then flow back as in StepVjp.
    /// </summary>
    private void EmitTangentVjp()
    {
        EmitSignature("TangentVjp", ", " + ReadOnlySpan + " q, " + ReadOnlySpan + " u, " + Span + " qBar, " + Span + " stateBar, " + Span + " thetaBar, int k");
        _w.Line("Require(theta, state, input, 1);");
        _w.Line("Require(q.Length, StateSize * k, nameof(q));");
        _w.Line("Require(u.Length, StateSize * k, nameof(u));");
        _w.Line("Require(qBar.Length, StateSize * k, nameof(qBar));");
        _w.Line("Require(stateBar.Length, StateSize, nameof(stateBar));");
        _w.Line("Require(thetaBar.Length, ParameterCount, nameof(thetaBar));");
        _w.Line("EnsureColumns(1);");
        _w.Line("EnsureTangentColumns(k);");
        _w.Line("int cols = 1;");
        EmitPrimalPass();
        EmitTangentLocals();
        var needed = TangentsNeededInReverse();
        EmitTangentForward(needed.Contains);
        for (var s = 0; s < _model.States.Count; s++)
        {
            _w.Line(Span + " " + _names.States[s] + "DotBar = qBar.Slice(" + StateOffset(s) + " * k, " + StateRows(s) + " * k);");
        }
        EmitBufferLocals(Buffer.DotBar, "k", clear: false);
        EmitAdjointLocals("cols");
        _writtenTangentAdjoints.Clear();
        _flowedAdjoints.Clear();
        for (var s = 0; s < _model.States.Count; s++)
        {
            var update = _model.UpdateNodes[s];
            if (Node(update).DependsOnState)
            {
                var seed = "u.Slice(" + StateOffset(s) + " * k, " + StateRows(s) + " * k)";
                _w.Line(FirstTangentAdjointWrite(update)
                    ? seed + ".CopyTo(" + Local(update, Buffer.DotBar) + ");"
                    : "global::Verified.Dense.Blas.Axpy<" + _type + ">(" + Literal(1) + ", " + seed + ", " + Local(update, Buffer.DotBar) + ");");
            }
        }
        foreach (var node in Indices.Reverse().Where(node => IsComputed(Node(node))))
        {
            if (Node(node).DependsOnState && TangentAlias(node) < 0)
            {
                EmitTangentReverseNode(node);
            }
            if (AdjointFlowed(node))
            {
                EmitReverseNode(node, "cols");
            }
        }
        // Q̄'s blocks that nothing flowed into (a state the tangent does not depend on) are zero.
        for (var s = 0; s < _model.States.Count; s++)
        {
            var state = Indices.Where(node => Node(node).Kind == NodeKind.State && Node(node).Index == s).DefaultIfEmpty(-1).First();
            if (state < 0 || !_writtenTangentAdjoints.Contains(state))
            {
                _w.Line(_names.States[s] + "DotBar.Clear();");
            }
        }
        EmitScalarParameterGradients();
        _w.Close();
    }

    /// <summary>
    /// The tangent adjoints TangentVjp has written so far (by the node owning the buffer). A buffer's
    /// first contribution assigns (a copy, a scaled copy, a product without accumulation), so that no
    /// n×k buffer is cleared and then read back; one that is added to in parts, or read before anything
    /// flowed into it, is cleared first.
    /// </summary>
    private readonly System.Collections.Generic.HashSet<int> _writtenTangentAdjoints = new();

    /// <summary>Whether a contribution that writes all of <paramref name="node"/>'s tangent adjoint is its first (so it assigns); marks it written.</summary>
    private bool FirstTangentAdjointWrite(int node) => _writtenTangentAdjoints.Add(TangentRoot(node));

    /// <summary>Before a partial contribution to, or a read of, <paramref name="node"/>'s tangent adjoint: clears it if nothing was written to it yet.</summary>
    private void EnsureTangentAdjointStarted(int node)
    {
        if (FirstTangentAdjointWrite(node))
        {
            _w.Line(Local(node, Buffer.DotBar) + ".Clear();");
        }
    }

    /// <summary>
    /// The tangents the reverse pass reads: the operand of each Mat·Vec (for W̄ += ẏ̄ ȧᵀ) and the
    /// operands of second-order terms, with everything they are computed from. The tangent of the
    /// cell's output itself is never needed.
    /// </summary>
    private System.Collections.Generic.HashSet<int> TangentsNeededInReverse()
    {
        var needed = new System.Collections.Generic.HashSet<int>();
        // A work list rather than recursion: the tangents a node needs can reach down the whole graph.
        var pending = new System.Collections.Generic.Stack<int>();
        void Need(int node)
        {
            pending.Push(node);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                var root = TangentRoot(next);
                if (!Node(root).DependsOnState || !needed.Add(root) || !IsComputed(Node(root)))
                {
                    continue;
                }
                foreach (var operand in Operands(root))
                {
                    pending.Push(operand);
                }
            }
        }
        foreach (var node in Indices.Where(node => IsComputed(Node(node)) && Node(node).DependsOnState && TangentAlias(node) < 0))
        {
            var n = Node(node);
            if (n.Kind == NodeKind.MatVec)
            {
                Need(n.A);
                continue;
            }
            if (n.Kind == NodeKind.Block)
            {
                // Linear: no second-order term, and its pullback reads no tangent.
                continue;
            }
            var operands = Operands(node).ToList();
            for (var p = 0; p < operands.Count; p++)
            {
                for (var o = 0; o < operands.Count; o++)
                {
                    if (Node(operands[p]).NeedsAdjoint && Node(operands[o]).DependsOnState && !SecondDerivative(node, p, o).IsZero)
                    {
                        Need(operands[o]);
                    }
                }
            }
        }
        return needed;
    }

    /// <summary>
    /// The nodes whose primal adjoint something has flowed into so far in the reverse pass being
    /// emitted (nodes come in reverse order, so a node's consumers have all been emitted when it comes).
    /// The adjoint of any other node is zero, and its pullback is not emitted. StepVjp seeds every
    /// update node; TangentVjp seeds none, so there the first-order chain runs only from the nodes its
    /// second-order terms reach: for vanilla-tanh, whose one such term lands in h̄ itself, there is no
    /// Wᵀ·0 and no W̄ += 0·tanh(h)ᵀ (two passes over n×n matrices a step).
    /// </summary>
    private readonly System.Collections.Generic.HashSet<int> _flowedAdjoints = new();

    private bool AdjointFlowed(int node) => Node(node).NeedsAdjoint && _flowedAdjoints.Contains(node);

    /// <summary>Adjoints of the state blocks are the rows of stateBar; the others are cleared buffers and scalars.</summary>
    private void EmitAdjointLocals(string cols)
    {
        for (var s = 0; s < _model.States.Count; s++)
        {
            _w.Line(Span + " " + _names.States[s] + "Bar = stateBar.Slice(" + StateOffset(s) + " * " + cols + ", " + StateRows(s) + " * " + cols + ");");
        }
        EmitBufferLocals(Buffer.Bar, cols, clear: true);
        foreach (var node in Indices.Where(node => Node(node).IsScalar && Node(node).NeedsAdjoint))
        {
            _w.Line(_type + " " + Local(node, Buffer.Bar) + " = " + Literal(0) + ";");
        }
    }

    /// <summary>Adds a contribution to a node's adjoint: a buffer, a row of θ̄ or a scalar.</summary>
    private string Accumulate(int node, string at, string row, string contribution)
    {
        var n = Node(node);
        return n.Kind switch
        {
            _ when n.IsScalar => Local(node, Buffer.Bar) + " += " + contribution + ";",
            NodeKind.Parameter => "thetaBar[" + ParameterOffset(n.Index) + " + " + row + "] += " + contribution + ";",
            _ => Local(node, Buffer.Bar) + "[" + at + "] += " + contribution + ";",
        };
    }

    private static string Times(Differentiation.ScalarExpr factor, string rendered, string value) =>
        factor.IsOne ? value : rendered + " * " + value;

    /// <summary>First-order reverse step of one node: operands' adjoints += (∂y/∂operand)ᵀ ȳ.</summary>
    private void EmitReverseNode(int node, string cols)
    {
        var n = Node(node);
        _w.Line("// adjoint of " + _names[node] + " = " + n.Text);
        _flowedAdjoints.UnionWith(Operands(node).Where(operand => Node(operand).NeedsAdjoint));
        if (n.Kind == NodeKind.MatVec)
        {
            var parameter = _model.Parameters[n.Index];
            var (rows, columns) = (Size(parameter.Rows), Size(parameter.Columns));
            if (Node(n.A).NeedsAdjoint)
            {
                _w.Line(GemmCall("MultiplyTransposedA") + _names.Parameters[n.Index] + ", " + Local(node, Buffer.Bar) + ", " + Local(n.A, Buffer.Bar) + ", " +
                    columns + ", " + rows + ", " + cols + ", accumulate: true);");
            }
            _w.Line(GemmCall("MultiplyTransposedB") + Local(node, Buffer.Bar) + ", " + _names[n.A] + ", thetaBar.Slice(" + ParameterOffset(n.Index) + ", " +
                rows + " * " + columns + "), " + rows + ", " + cols + ", " + columns + ", accumulate: true);");
            return;
        }
        if (n.Kind == NodeKind.Block)
        {
            // ā += ȳ in the block's rows (the block of a needing operand needs an adjoint itself).
            if (NeedsRow(n.A))
            {
                Loop(Rows(node), cols, needsRow: true, () =>
                    _w.Line(Accumulate(n.A, "at", BlockStart(node) + " + row", Local(node, Buffer.Bar) + "[at]")));
            }
            else
            {
                _w.Line("global::Verified.Dense.Blas.Axpy<" + _type + ">(" + Literal(1) + ", " + Local(node, Buffer.Bar) + ", " +
                    Local(n.A, Buffer.Bar) + ".Slice(" + BlockStart(node) + " * " + cols + ", " + Rows(node) + " * " + cols + "));");
            }
            return;
        }
        // An operand that shares this node's adjoint buffer (AdjointRoot) already holds its contribution.
        var terms = Operands(node).Select((operand, position) => (operand, position))
            .Where(term => Node(term.operand).NeedsAdjoint && (n.IsScalar || Local(term.operand, Buffer.Bar) != Local(node, Buffer.Bar)))
            .ToList();
        if (terms.Count == 0)
        {
            return;
        }
        if (!n.IsScalar && TryEmitVectorPullback(node, terms, cols))
        {
            return;
        }
        void Body(string at, string row)
        {
            var bar = n.IsScalar ? Local(node, Buffer.Bar) : Local(node, Buffer.Bar) + "[" + at + "]";
            foreach (var (operand, position) in terms)
            {
                var derivative = FirstDerivative(node, position);
                _w.Line(Accumulate(operand, at, row, Times(derivative, Render(derivative, node, at, row), bar)));
            }
        }
        if (n.IsScalar)
        {
            Body("at", "row");
        }
        else
        {
            Loop(Rows(node), cols, Operands(node).Any(NeedsRow), () => Body("at", "row"));
        }
    }

    /// <summary>
    /// Whole-buffer pullbacks where every operand needing an adjoint is a buffer of the node's shape or a
    /// broadcast vector parameter: sums and differences as axpys and row sums (for the parameter),
    /// and, where no operand is broadcast, products as fused multiply-adds and the unary primitives
    /// that have a vector pullback in PrimitiveRules.
    /// </summary>
    private bool TryEmitVectorPullback(int node, System.Collections.Generic.List<(int operand, int position)> terms, string cols)
    {
        var n = Node(node);
        if (terms.Any(term => Node(term.operand).IsScalar))
        {
            return false;
        }
        var bar = Local(node, Buffer.Bar);
        var blas = "global::Verified.Dense.Blas.Axpy<" + _type + ">(";
        var elementWise = "global::Verified.Dense.ElementWise.";
        if (n.Kind == NodeKind.Binary && n.Primitive is Primitive.Add or Primitive.Subtract)
        {
            foreach (var (operand, position) in terms)
            {
                var negative = position == 1 && n.Primitive == Primitive.Subtract;
                if (NeedsRow(operand))
                {
                    // A vector broadcast over the columns: its adjoint is ȳ's row sums.
                    _w.Open("for (int row = 0; row < " + Rows(node) + "; row++)");
                    _w.Line("thetaBar[" + ParameterOffset(Node(operand).Index) + " + row] " + (negative ? "-" : "+") + "= global::Verified.Dense.Blas.Sum<" + _type + ">(" +
                        bar + ".Slice(row * " + cols + ", " + cols + "));");
                    _w.Close();
                }
                else
                {
                    _w.Line(blas + (negative ? Literal(-1) : Literal(1)) + ", " + bar + ", " + Local(operand, Buffer.Bar) + ");");
                }
            }
            return true;
        }
        if (Operands(node).Any(NeedsRow))
        {
            return false;
        }
        switch (n.Kind, n.Primitive)
        {
            case (NodeKind.Unary, _) when PrimitiveRules.VectorPullback(n.Primitive) is { } pullback:
                foreach (var (operand, _) in terms)
                {
                    _w.Line(elementWise + pullback + "<" + _type + ">(" + _names[node] + ", " + bar + ", " + Local(operand, Buffer.Bar) + ");");
                }
                return true;
            case (NodeKind.Binary, Primitive.Multiply):
                foreach (var (operand, position) in terms)
                {
                    var other = position == 0 ? n.B : n.A;
                    _w.Line(Node(other).IsScalar
                        ? blas + Value(other, "0", "0") + ", " + bar + ", " + Local(operand, Buffer.Bar) + ");"
                        : elementWise + "MultiplyAdd<" + _type + ">(" + _names[other] + ", " + bar + ", " + Local(operand, Buffer.Bar) + ");");
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Reverse step of a node's tangent ẏ = Σ_o g_o ȯ: ȱ += g_o ẏ̄, and each operand p's primal
    /// adjoint += Σ_o ∂g_o/∂p Σ_col ẏ̄ ȯ (the second-order term of docs/design.md's flossing pass).
    /// </summary>
    private void EmitTangentReverseNode(int node)
    {
        var n = Node(node);
        _w.Line("// tangent adjoint of " + _names[node] + " = " + n.Text);
        EnsureTangentAdjointStarted(node);
        if (n.Kind == NodeKind.MatVec)
        {
            var parameter = _model.Parameters[n.Index];
            var (rows, columns) = (Size(parameter.Rows), Size(parameter.Columns));
            var accumulate = FirstTangentAdjointWrite(n.A) ? "false" : "true";
            _w.Line(GemmCall("MultiplyTransposedA") + _names.Parameters[n.Index] + ", " + Local(node, Buffer.DotBar) + ", " + Local(n.A, Buffer.DotBar) + ", " +
                columns + ", " + rows + ", k, accumulate: " + accumulate + ");");
            _w.Line(GemmCall("MultiplyTransposedB") + Local(node, Buffer.DotBar) + ", " + Local(n.A, Buffer.Dot) + ", thetaBar.Slice(" + ParameterOffset(n.Index) + ", " +
                rows + " * " + columns + "), " + rows + ", k, " + columns + ", accumulate: true);");
            return;
        }
        if (n.Kind == NodeKind.Block)
        {
            // The operand's tangent adjoint += ẏ̄ in the block's rows; linear, so no second-order term.
            EnsureTangentAdjointStarted(n.A);
            _w.Line("global::Verified.Dense.Blas.Axpy<" + _type + ">(" + Literal(1) + ", " + Local(node, Buffer.DotBar) + ", " +
                Local(n.A, Buffer.DotBar) + ".Slice(" + BlockStart(node) + " * k, " + Rows(node) + " * k));");
            return;
        }
        var tangents = StateDependentOperands(node).ToList();
        var operands = Operands(node).Select((operand, position) => (Operand: operand, Position: position)).ToList();
        // Second-order terms: operand p, tangent operand o, with ∂²y/∂p∂o ≠ 0 and p needing an adjoint.
        var secondOrder = operands
            .Where(p => Node(p.Operand).NeedsAdjoint)
            .SelectMany(p => tangents.Select(o => (P: p, O: o, H: SecondDerivative(node, p.Position, o.Position))))
            .Where(term => !term.H.IsZero)
            .ToList();
        var sums = secondOrder.Select(term => term.O.Position).Distinct().ToList();

        // Row by row over the k columns with SIMD row kernels: ȱ_row += g_o ẏ̄_row (= on its first write) and sum_o = ⟨ẏ̄_row, ȯ_row⟩.
        _w.Open("for (int row = 0; row < " + Rows(node) + "; row++)");
        _w.Line("var source = " + Local(node, Buffer.DotBar) + ".Slice(row * k, k);");
        foreach (var (operand, position) in tangents)
        {
            var derivative = FirstDerivative(node, position);
            var factor = derivative.IsOne ? Literal(1) : Render(derivative, node, "row", "row");
            var kernel = FirstTangentAdjointWrite(operand) ? "ScaleTo" : "Axpy";
            _w.Line("global::Verified.Dense.Blas." + kernel + "<" + _type + ">(" + factor + ", source, " + Local(operand, Buffer.DotBar) + ".Slice(row * k, k));");
        }
        foreach (var position in sums)
        {
            _w.Line(_type + " sum" + position + " = global::Verified.Dense.Blas.Dot<" + _type + ">(source, " + Local(operands[position].Operand, Buffer.Dot) + ".Slice(row * k, k));");
        }
        foreach (var (p, o, h) in secondOrder)
        {
            _w.Line(Accumulate(p.Operand, "row", "row", Times(h, Render(h, node, "row", "row"), "sum" + o.Position)));
            _flowedAdjoints.Add(p.Operand);
        }
        _w.Close();
    }

    /// <summary>θ̄ of scalar parameters, accumulated in locals over the passes.</summary>
    private void EmitScalarParameterGradients()
    {
        foreach (var node in Indices.Where(node => Node(node) is { Kind: NodeKind.Parameter, IsScalar: true }))
        {
            _w.Line("thetaBar[" + ParameterOffset(Node(node).Index) + "] += " + Local(node, Buffer.Bar) + ";");
        }
    }
}
