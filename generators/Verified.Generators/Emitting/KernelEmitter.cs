using System.Collections.Generic;
using System.Linq;
using Verified.Generators.Differentiation;
using Verified.Generators.Model;

namespace Verified.Generators.Emitting;

/// <summary>
/// Writes one kernel class (float or double) of a cell from its model. The passes live in the
/// partial files KernelEmitter.Forward/Jacobian/Tangent/Reverse.cs; this file holds the class
/// skeleton and the element access they share.
/// </summary>
internal sealed partial class KernelEmitter
{
    private readonly CellModel _model;
    private readonly string _type;
    private readonly string _className;
    private readonly Names _names;
    private readonly SourceWriter _w;
    private readonly JacKind[] _jacobianKinds;
    private readonly int[] _jacobianBlocks;
    private readonly int[] _tangentAliases;
    private readonly int[] _adjointRoots;

    public KernelEmitter(CellModel model, string type, string className, SourceWriter writer)
    {
        _model = model;
        _type = type;
        _className = className;
        _names = new Names(model);
        _w = writer;
        (_jacobianKinds, _jacobianBlocks) = JacobianStructure();
        _tangentAliases = TangentAliases();
        _adjointRoots = AdjointRoots();
    }

    private IEnumerable<int> Indices => Enumerable.Range(0, _model.Nodes.Count);

    private NodeModel Node(int index) => _model.Nodes[index];

    private static bool IsComputed(NodeModel node) => node.Kind is NodeKind.Unary or NodeKind.Binary or NodeKind.MatVec or NodeKind.Block;

    private bool IsComputedVector(int index) => IsComputed(Node(index)) && !Node(index).IsScalar;

    private string Span => "Span<" + _type + ">";

    private string ReadOnlySpan => "ReadOnlySpan<" + _type + ">";

    private string Literal(double value) => ScalarExpr.Literal(value, _type);

    private string GemmCall(string method) => "Gemm." + method + "<" + _type + ">(";

    public void Emit()
    {
        _w.Open("private sealed class " + _className + " : global::Verified.CellKernels<" + _type + ">");
        EmitFields();
        _w.Line();
        EmitConstructor();
        _w.Line();
        EmitEnsureColumns();
        _w.Line();
        EmitStep(withTape: false);
        _w.Line();
        EmitTapeLength();
        _w.Line();
        EmitStep(withTape: true);
        _w.Line();
        EmitJacobian();
        _w.Line();
        EmitTangent();
        _w.Line();
        EmitStepVjp(fromTape: false);
        _w.Line();
        EmitStepVjp(fromTape: true);
        _w.Line();
        EmitTangentVjp();
        _w.Close();
    }

    // ---- sizes, offsets and buffers ---------------------------------------------------------

    private IEnumerable<string> DimensionNames =>
        _model.States.Select(state => state.Size)
            .Concat(_model.Input is null ? Enumerable.Empty<SizeModel>() : new[] { _model.Input.Size })
            .Concat(_model.Parameters.SelectMany(parameter => new[] { parameter.Rows, parameter.Columns }))
            .Where(size => size.Name is not null)
            .Select(size => size.Name!)
            .Distinct();

    private static string Size(SizeModel size) =>
        size.Name is null ? size.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : size.Multiplier == 1 ? "_dim" + size.Name
        : "(" + size.Multiplier.ToString(System.Globalization.CultureInfo.InvariantCulture) + " * _dim" + size.Name + ")";

    private string Rows(int node) => Size(Node(node).Size!.Value);

    /// <summary>The first row of a Block node in its operand: index × the block's size.</summary>
    private string BlockStart(int node) => Node(node).Index switch
    {
        0 => "0",
        1 => Rows(node),
        var index => "(" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + " * " + Rows(node) + ")",
    };

    private string ParameterOffset(int parameter) => "_offset" + Capitalize(_names.Parameters[parameter]);

    private string StateOffset(int state) => "_stateOffset" + Capitalize(_names.States[state]);

    private string StateRows(int state) => Size(_model.States[state].Size);

    private string InputRows => _model.Input is null ? "0" : Size(_model.Input.Size);

    private static string Capitalize(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    private enum Buffer { Value, Dot, Bar, DotBar }

    private static readonly string[] Suffixes = { "", "Dot", "Bar", "DotBar" };

    private string Local(int node, Buffer buffer) =>
        _names[buffer switch { Buffer.Dot or Buffer.DotBar => TangentRoot(node), Buffer.Bar => AdjointRoot(node), _ => node }] + Suffixes[(int)buffer];

    private string Field(int node, Buffer buffer) => "_" + Local(node, buffer);

    /// <summary>Which nodes have a buffer of each kind: values and adjoints of computed vectors,
    /// tangents and their adjoints of computed vectors that depend on the state.</summary>
    private bool HasBuffer(int node, Buffer buffer) => buffer switch
    {
        Buffer.Value => IsComputedVector(node),
        Buffer.Bar => IsComputedVector(node) && Node(node).NeedsAdjoint && AdjointRoot(node) == node,
        _ => IsComputedVector(node) && Node(node).DependsOnState && TangentAlias(node) < 0,
    };

    /// <summary>
    /// The node whose tangent (and tangent adjoint) this node shares, or −1: a sum or difference
    /// with one state-dependent operand entering with factor 1 has that operand's tangent, so the
    /// tangent passes neither copy nor add.
    /// </summary>
    private int TangentAlias(int node) => _tangentAliases[node];

    /// <summary>The node that owns this node's tangent and tangent-adjoint buffers: its <see cref="TangentAlias"/>, or itself.</summary>
    private int TangentRoot(int node) => TangentAlias(node) is var root and >= 0 ? root : node;

    /// <summary>Every node's <see cref="TangentAlias"/>, in graph order so that an operand's is known first.</summary>
    private int[] TangentAliases()
    {
        var aliases = new int[_model.Nodes.Count];
        foreach (var node in Indices)
        {
            aliases[node] = -1;
            var n = Node(node);
            if (n.Kind != NodeKind.Binary || n.Primitive is not (Primitive.Add or Primitive.Subtract) || !n.DependsOnState)
            {
                continue;
            }
            var (a, b) = (Node(n.A).DependsOnState, Node(n.B).DependsOnState);
            var through = a && !b ? n.A : b && !a && n.Primitive == Primitive.Add ? n.B : -1;
            aliases[node] = through < 0 ? -1 : aliases[through] >= 0 ? aliases[through] : through;
        }
        return aliases;
    }

    /// <summary>The node that owns this node's primal adjoint buffer: itself, or the root of the sum it alone feeds.</summary>
    private int AdjointRoot(int node) => _adjointRoots[node];

    /// <summary>
    /// Every node's <see cref="AdjointRoot"/>, consumers first. A computed vector whose only use is
    /// as a term of a sum (or the minuend of a difference) receives exactly that sum's adjoint
    /// (ā = ȳ, ∂y/∂a = 1), so it shares the sum's buffer: the reverse passes neither clear, copy
    /// nor add it. An update node is excluded, as its adjoint is also seeded from nextBar.
    /// </summary>
    private int[] AdjointRoots()
    {
        var uses = new int[_model.Nodes.Count];
        var consumer = new int[_model.Nodes.Count];
        foreach (var node in Indices.Where(node => IsComputed(Node(node))))
        {
            foreach (var operand in Operands(node))
            {
                uses[operand]++;
                consumer[operand] = node;
            }
        }
        var roots = new int[_model.Nodes.Count];
        foreach (var node in Indices.Reverse())
        {
            roots[node] = node;
            if (!IsComputedVector(node) || uses[node] != 1 || _model.UpdateNodes.Contains(node))
            {
                continue;
            }
            var sum = Node(consumer[node]);
            var passesThrough = sum.Kind == NodeKind.Binary && !sum.IsScalar &&
                (sum.Primitive == Primitive.Add || (sum.Primitive == Primitive.Subtract && sum.A == node));
            if (passesThrough && IsComputedVector(consumer[node]))
            {
                roots[node] = roots[consumer[node]];
            }
        }
        return roots;
    }

    private void EmitFields()
    {
        foreach (var name in DimensionNames)
        {
            _w.Line("private readonly int _dim" + name + ";");
        }
        for (var s = 0; s < _model.States.Count; s++)
        {
            _w.Line("private readonly int " + StateOffset(s) + ";");
        }
        for (var p = 0; p < _model.Parameters.Count; p++)
        {
            _w.Line("private readonly int " + ParameterOffset(p) + ";");
        }
        _w.Line("private int _columns;");
        _w.Line("private int _tangentColumns;");
        foreach (var node in Indices)
        {
            foreach (var buffer in new[] { Buffer.Value, Buffer.Bar, Buffer.Dot, Buffer.DotBar })
            {
                if (HasBuffer(node, buffer))
                {
                    _w.Line("private " + _type + "[] " + Field(node, buffer) + " = global::System.Array.Empty<" + _type + ">();");
                }
            }
            if (JacobianKind(node) is JacKind.Diagonal or JacKind.Dense)
            {
                _w.Line("private readonly " + _type + "[] " + JacobianField(node) + ";");
            }
        }
    }

    private void EmitConstructor()
    {
        _w.Open("public " + _className + "(global::Verified.CellLayout layout) : base(layout)");
        foreach (var name in DimensionNames)
        {
            _w.Line("_dim" + name + " = layout.Dimension(\"" + name + "\");");
        }
        for (var s = 0; s < _model.States.Count; s++)
        {
            _w.Line(StateOffset(s) + " = layout.StateOffsets[" + s + "];");
        }
        for (var p = 0; p < _model.Parameters.Count; p++)
        {
            _w.Line(ParameterOffset(p) + " = layout.Parameters[" + p + "].Offset;");
        }
        foreach (var node in Indices)
        {
            switch (JacobianKind(node))
            {
                case JacKind.Diagonal:
                    _w.Line(JacobianField(node) + " = new " + _type + "[" + Rows(node) + "];");
                    break;
                case JacKind.Dense:
                    _w.Line(JacobianField(node) + " = new " + _type + "[" + Rows(node) + " * layout.StateSize];");
                    break;
            }
        }
        _w.Close();
    }

    private void EmitEnsureColumns()
    {
        EmitGrow("EnsureColumns", "_columns", new[] { Buffer.Value, Buffer.Bar });
        _w.Line();
        EmitGrow("EnsureTangentColumns", "_tangentColumns", new[] { Buffer.Dot, Buffer.DotBar });
    }

    private void EmitGrow(string method, string capacity, Buffer[] buffers)
    {
        _w.Open("private void " + method + "(int columns)");
        _w.Open("if (columns <= " + capacity + ")");
        _w.Line("return;");
        _w.Close();
        _w.Line(capacity + " = columns;");
        foreach (var node in Indices)
        {
            foreach (var buffer in buffers.Where(buffer => HasBuffer(node, buffer)))
            {
                _w.Line(Field(node, buffer) + " = new " + _type + "[" + Rows(node) + " * columns];");
            }
        }
        _w.Close();
    }

    // ---- method prologues -------------------------------------------------------------------

    /// <summary>Spans over θ for every parameter, the scalars as values.</summary>
    private void EmitParameterLocals()
    {
        for (var p = 0; p < _model.Parameters.Count; p++)
        {
            var parameter = _model.Parameters[p];
            var name = _names.Parameters[p];
            if (parameter.Kind == ParameterKind.Scalar)
            {
                _w.Line(_type + " " + name + " = theta[" + ParameterOffset(p) + "];");
            }
            else
            {
                _w.Line(ReadOnlySpan + " " + name + " = theta.Slice(" + ParameterOffset(p) + ", " + Size(parameter.Rows) + " * " + Size(parameter.Columns) + ");");
            }
        }
    }

    /// <summary>Spans over the state blocks and the input for <paramref name="cols"/> columns.</summary>
    private void EmitStateLocals(string cols)
    {
        for (var s = 0; s < _model.States.Count; s++)
        {
            _w.Line(ReadOnlySpan + " " + _names.States[s] + " = state.Slice(" + StateOffset(s) + " * " + cols + ", " + StateRows(s) + " * " + cols + ");");
        }
        if (_model.Input is not null)
        {
            _w.Line(ReadOnlySpan + " " + _names.Input + " = input.Slice(0, " + InputRows + " * " + cols + ");");
        }
    }

    /// <summary>Spans over each node's buffer of a kind (cleared when asked), or over the span <paramref name="placement"/> gives for the node.</summary>
    private void EmitBufferLocals(Buffer buffer, string cols, bool clear, System.Func<int, string?>? placement = null)
    {
        foreach (var node in Indices.Where(node => HasBuffer(node, buffer)))
        {
            var span = placement?.Invoke(node) ?? Field(node, buffer) + ".AsSpan(0, " + Rows(node) + " * " + cols + ")";
            _w.Line(Span + " " + Local(node, buffer) + " = " + span + ";");
            if (clear)
            {
                _w.Line(Local(node, buffer) + ".Clear();");
            }
        }
    }

    // ---- element access ---------------------------------------------------------------------

    /// <summary>The value of a node at element <paramref name="at"/> (row <paramref name="row"/>).</summary>
    private string Value(int node, string at, string row)
    {
        var n = Node(node);
        return n.Kind switch
        {
            NodeKind.Constant => Literal(n.Constant),
            _ when n.IsScalar => _names[node],
            NodeKind.Parameter => _names[node] + "[" + row + "]",
            _ => _names[node] + "[" + at + "]",
        };
    }

    /// <summary>Whether reading or accumulating a node needs the row index (a broadcast vector parameter).</summary>
    private bool NeedsRow(int node) => Node(node) is { Kind: NodeKind.Parameter, IsScalar: false };

    private string Render(ScalarExpr formula, int node, string at, string row)
    {
        var n = Node(node);
        return formula.Render(variable => variable switch
        {
            Variable.X or Variable.A => Value(n.A, at, row),
            Variable.B => Value(n.B, at, row),
            _ => Value(node, at, row),
        }, _type);
    }

    private IEnumerable<int> Operands(int node)
    {
        var n = Node(node);
        yield return n.A;
        if (n.Kind == NodeKind.Binary)
        {
            yield return n.B;
        }
    }

    /// <summary>∂y/∂operand for the operand in position <paramref name="position"/> of node y.</summary>
    private ScalarExpr FirstDerivative(int node, int position) => Node(node).Kind == NodeKind.Unary
        ? PrimitiveRules.ForUnary(Node(node).Primitive).First
        : position == 0 ? PrimitiveRules.ForBinary(Node(node).Primitive).DA : PrimitiveRules.ForBinary(Node(node).Primitive).DB;

    /// <summary>∂²y/∂operand_i∂operand_j.</summary>
    private ScalarExpr SecondDerivative(int node, int i, int j)
    {
        if (Node(node).Kind == NodeKind.Unary)
        {
            return PrimitiveRules.ForUnary(Node(node).Primitive).Second;
        }
        var rule = PrimitiveRules.ForBinary(Node(node).Primitive);
        return i == 0 && j == 0 ? rule.DAA : i == 1 && j == 1 ? rule.DBB : rule.DAB;
    }

    /// <summary>A loop over the elements of a rows×cols block; nested when a row index is needed.</summary>
    private void Loop(string rows, string cols, bool needsRow, System.Action body)
    {
        if (needsRow)
        {
            _w.Open("for (int row = 0; row < " + rows + "; row++)");
            _w.Open("for (int col = 0; col < " + cols + "; col++)");
            _w.Line("int at = row * " + cols + " + col;");
            body();
            _w.Close();
            _w.Close();
        }
        else
        {
            _w.Open("for (int at = 0; at < " + rows + " * " + cols + "; at++)");
            body();
            _w.Close();
        }
    }
}
