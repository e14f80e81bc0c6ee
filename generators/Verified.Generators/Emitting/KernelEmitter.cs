using System.Linq;
using Verified.Generators.Analysis;
using Verified.Generators.Model;
using Verified.Generators.Rules;

namespace Verified.Generators.Emitting;

/// <summary>
/// Writes a cell's one generic kernel class, Kernels&lt;T&gt; (the JIT specialises it for float and
/// double): the fields, the private forward body every entry point shares, and the entry points, each
/// composed from the plan and the node rules. This file holds the skeleton and the locals;
/// KernelEmitter.Forward/Jacobian/Tangent/Reverse.cs the entry points.
/// </summary>
internal sealed partial class KernelEmitter
{
    /// <summary>The kernel class's name in the cell class.</summary>
    public const string ClassName = "Kernels";

    private readonly KernelContext _c;

    public KernelEmitter(CellModel model, SourceWriter writer) => _c = new KernelContext(model, KernelPlan.Of(model), writer);

    private CellModel Model => _c.Model;

    private KernelPlan Plan => _c.Plan;

    private SourceWriter W => _c.W;

    private Names Names => _c.Names;

    private NodeModel Node(int index) => _c.Node(index);

    /// <summary>The computed nodes, in graph order.</summary>
    private System.Collections.Generic.IEnumerable<int> Computed => _c.Indices.Where(node => Node(node).IsComputed);

    private bool HasJacobianBuffers => _c.Indices.Any(Plan.HasJacobian);

    public void Emit()
    {
        W.Line(CellGenerator.Emitter.GeneratedCode);
        W.Open("private sealed class " + ClassName + "<T> : global::Verified.CellKernels<T> where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>");
        EmitFields();
        W.Line();
        EmitConstructor();
        W.Line();
        EmitGrow("EnsureColumns", "_columns", BufferKind.Value, BufferKind.Bar);
        W.Line();
        EmitGrow("EnsureTangentColumns", "_tangentColumns", BufferKind.Dot, BufferKind.DotBar);
        if (HasJacobianBuffers)
        {
            W.Line();
            EmitEnsureJacobianBuffers();
        }
        W.Line();
        EmitScratchLength();
        W.Line();
        EmitForwardBody();
        W.Line();
        EmitSteps();
        W.Line();
        EmitTapeLength();
        W.Line();
        EmitJacobian();
        W.Line();
        EmitTangent();
        W.Line();
        EmitStepVjps();
        W.Line();
        EmitTangentVjp();
        W.Close();
    }

    // ---- fields and their allocation ----------------------------------------------------------

    private System.Collections.Generic.IEnumerable<string> DimensionNames =>
        Model.States.Select(state => state.Size)
            .Concat(Model.Input is null ? Enumerable.Empty<SizeModel>() : new[] { Model.Input.Size })
            .Concat(Model.Parameters.SelectMany(parameter => new[] { parameter.Rows, parameter.Columns }))
            .Where(size => size.Name is not null)
            .Select(size => size.Name!)
            .Distinct();

    private void EmitFields()
    {
        foreach (var name in DimensionNames)
        {
            W.Line("private readonly int _dim" + name + ";");
        }
        for (var s = 0; s < Model.States.Count; s++)
        {
            W.Line("private readonly int " + _c.StateOffset(s) + ";");
        }
        for (var p = 0; p < Model.Parameters.Count; p++)
        {
            W.Line("private readonly int " + _c.ParameterOffset(p) + ";");
        }
        W.Line("private int _columns;");
        W.Line("private int _tangentColumns;");
        foreach (var node in _c.Indices)
        {
            foreach (var buffer in new[] { BufferKind.Value, BufferKind.Bar, BufferKind.Dot, BufferKind.DotBar }.Where(buffer => Plan.HasBuffer(node, buffer)))
            {
                W.Line("private T[] " + _c.Field(node, buffer) + " = global::System.Array.Empty<T>();");
            }
            if (Plan.HasJacobian(node))
            {
                W.Line("private T[] " + _c.JacobianField(node) + " = global::System.Array.Empty<T>();");
            }
        }
    }

    private void EmitConstructor()
    {
        W.Open("public " + ClassName + "(global::Verified.CellLayout layout) : base(layout)");
        foreach (var name in DimensionNames)
        {
            W.Line("_dim" + name + " = layout.Dimension(\"" + name + "\");");
        }
        for (var s = 0; s < Model.States.Count; s++)
        {
            W.Line(_c.StateOffset(s) + " = layout.StateOffsets[" + s + "];");
        }
        for (var p = 0; p < Model.Parameters.Count; p++)
        {
            W.Line(_c.ParameterOffset(p) + " = layout.Parameters[" + p + "].Offset;");
        }
        W.Close();
    }

    /// <summary>Grows the buffers of some kinds to a number of columns; they are never shrunk, so no call allocates once the largest was seen.</summary>
    private void EmitGrow(string method, string capacity, params BufferKind[] buffers)
    {
        W.Open("private void " + method + "(int columns)");
        W.Open("if (columns <= " + capacity + ")");
        W.Line("return;");
        W.Close();
        W.Line(capacity + " = columns;");
        foreach (var node in _c.Indices)
        {
            foreach (var buffer in buffers.Where(buffer => Plan.HasBuffer(node, buffer)))
            {
                W.Line(_c.Field(node, buffer) + " = new T[" + _c.Rows(node) + " * columns];");
            }
        }
        W.Close();
    }

    /// <summary>The per-node Jacobians (a diagonal, or rows×n), allocated by the first call of Jacobian: training and flossing never call it.</summary>
    private void EmitEnsureJacobianBuffers()
    {
        W.Open("private void EnsureJacobianBuffers()");
        var first = _c.Indices.First(Plan.HasJacobian);
        W.Open("if (" + _c.JacobianField(first) + ".Length != 0)");
        W.Line("return;");
        W.Close();
        foreach (var node in _c.Indices.Where(Plan.HasJacobian))
        {
            W.Line(_c.JacobianField(node) + " = new T[" + _c.Rows(node) + (Plan.Shape(node) == JacobianShape.Dense ? " * StateSize" : "") + "];");
        }
        W.Close();
    }

    /// <summary>The elements the three allocations above hold, and the longest of their arrays: this kernel's footprint, stated beside them.</summary>
    private void EmitScratchLength()
    {
        System.Collections.Generic.List<string> RowsOf(System.Func<int, bool> include) => _c.Indices.Where(include).Select(_c.Rows).ToList();
        // Equal sizes counted once each: 25L * _dimN rather than 25 terms.
        string Sum(System.Func<int, bool> include) => string.Join(" + ", RowsOf(include).GroupBy(rows => rows)
            .Select(group => group.Count() == 1 ? "(long)" + group.Key : group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture) + "L * " + group.Key)
            .DefaultIfEmpty("0L"));
        string Max(System.Func<int, bool> include) =>
            RowsOf(include).Distinct().Select(rows => "(long)" + rows).DefaultIfEmpty("0L").Aggregate((a, b) => "global::System.Math.Max(" + a + ", " + b + ")");
        bool Columns(int node) => Plan.HasBuffer(node, BufferKind.Value) || Plan.HasBuffer(node, BufferKind.Bar);
        bool TangentColumns(int node) => Plan.HasBuffer(node, BufferKind.Dot) || Plan.HasBuffer(node, BufferKind.DotBar);
        bool Diagonal(int node) => Plan.Shape(node) == JacobianShape.Diagonal;
        bool Dense(int node) => Plan.Shape(node) == JacobianShape.Dense;
        W.Line("public override long ScratchLength(int columns, int tangentColumns, bool jacobian) =>");
        W.Line("    (" + Sum(node => Plan.HasBuffer(node, BufferKind.Value)) + " + " + Sum(node => Plan.HasBuffer(node, BufferKind.Bar)) + ") * columns +");
        W.Line("    (" + Sum(node => Plan.HasBuffer(node, BufferKind.Dot)) + " + " + Sum(node => Plan.HasBuffer(node, BufferKind.DotBar)) + ") * tangentColumns +");
        W.Line("    (jacobian ? " + Sum(Diagonal) + " + (" + Sum(Dense) + ") * StateSize : 0L);");
        W.Line();
        W.Line("public override long LongestScratchArray(int columns, int tangentColumns, bool jacobian) => global::System.Math.Max(");
        W.Line("    global::System.Math.Max(" + Max(Columns) + " * columns, " + Max(TangentColumns) + " * tangentColumns),");
        W.Line("    jacobian ? global::System.Math.Max(" + Max(Diagonal) + ", " + Max(Dense) + " * StateSize) : 0L);");
    }

    // ---- locals -------------------------------------------------------------------------------

    private void Signature(string access, string name, string extra) =>
        W.Open(access + " void " + name + "(" + KernelContext.ReadOnlySpan + " theta, " + KernelContext.ReadOnlySpan + " state, " + KernelContext.ReadOnlySpan + " input" + extra + ")");

    /// <summary>Spans over θ for every parameter, the scalars as values.</summary>
    private void EmitParameterLocals()
    {
        for (var p = 0; p < Model.Parameters.Count; p++)
        {
            var parameter = Model.Parameters[p];
            var name = Names.Parameters[p];
            W.Line(parameter.Kind == ParameterKind.Scalar
                ? "T " + name + " = theta[" + _c.ParameterOffset(p) + "];"
                : KernelContext.ReadOnlySpan + " " + name + " = theta.Slice(" + _c.ParameterOffset(p) + ", " + KernelContext.Size(parameter.Rows) + " * " + KernelContext.Size(parameter.Columns) + ");");
        }
    }

    /// <summary>Spans over θ, the state blocks and the input for `cols` columns.</summary>
    private void EmitInputLocals()
    {
        EmitParameterLocals();
        for (var s = 0; s < Model.States.Count; s++)
        {
            W.Line(KernelContext.ReadOnlySpan + " " + Names.States[s] + " = state.Slice(" + _c.StateOffset(s) + " * cols, " + _c.StateRows(s) + " * cols);");
        }
        if (Model.Input is not null)
        {
            W.Line(KernelContext.ReadOnlySpan + " " + Names.Input + " = input.Slice(0, " + _c.InputRows + " * cols);");
        }
    }

    /// <summary>Each node's span of the tape for `cols` columns, one after another.</summary>
    private System.Collections.Generic.Dictionary<int, string> TapeSlices()
    {
        var slices = new System.Collections.Generic.Dictionary<int, string>();
        var before = new System.Collections.Generic.List<string>();
        foreach (var node in Plan.Tape)
        {
            var offset = before.Count == 0 ? "0" : before.Count == 1 ? before[0] + " * cols" : "(" + string.Join(" + ", before) + ") * cols";
            slices[node] = "tape.Slice(" + offset + ", " + _c.Rows(node) + " * cols)";
            before.Add(_c.Rows(node));
        }
        return slices;
    }

    private string FieldSpan(int node, BufferKind buffer, string cols) => _c.Field(node, buffer) + ".AsSpan(0, " + _c.Rows(node) + " * " + cols + ")";

    /// <summary>
    /// Spans over the value buffers of the nodes <paramref name="include"/> selects, for `cols` columns: a
    /// tape node's is its span of the tape where one is recorded (<paramref name="fromTape"/>), its field otherwise.
    /// </summary>
    private void EmitValueLocals(string type, bool fromTape, System.Func<int, bool> include)
    {
        var tape = fromTape ? TapeSlices() : new System.Collections.Generic.Dictionary<int, string>();
        foreach (var node in _c.Indices.Where(node => Plan.HasBuffer(node, BufferKind.Value) && include(node)))
        {
            var field = FieldSpan(node, BufferKind.Value, "cols");
            W.Line(type + " " + Names[node] + " = " + (tape.TryGetValue(node, out var slice) ? "tape.IsEmpty ? " + field + " : " + slice : field) + ";");
        }
    }

    /// <summary>
    /// After the forward body: θ, the state, the input and every value for `cols` columns, with the scalar
    /// nodes recomputed (they are locals of the body).
    /// </summary>
    private void EmitPrimalLocals()
    {
        EmitInputLocals();
        EmitValueLocals(KernelContext.ReadOnlySpan, fromTape: false, include: _ => true);
        EmitScalars();
    }

    /// <summary>The scalar nodes (functions of scalar parameters and constants), a few flops.</summary>
    private void EmitScalars()
    {
        foreach (var node in Computed.Where(node => Node(node).IsScalar))
        {
            EmitForwardNode(node);
        }
    }

    private void EmitForwardNode(int node)
    {
        W.Line("// " + Names[node] + " = " + Node(node).Text);
        NodeRule.For(Node(node).Kind).Forward(_c, node, "cols");
    }

    /// <summary>Copies a node's value (or tangent) into an output block, broadcasting a parameter.</summary>
    private void EmitCopyOut(int node, string target, string rows, string cols, BufferKind buffer)
    {
        var n = Node(node);
        if (buffer == BufferKind.Dot && !n.DependsOnState)
        {
            W.Line(target + ".Clear();");
        }
        else if (n.Kind == NodeKind.Parameter)
        {
            W.Line("var " + Names[node] + "Out = " + target + ";");
            _c.Loop(rows, cols, needsRow: true, () => W.Line(Names[node] + "Out[at] = " + Names[node] + "[row];"));
        }
        else
        {
            W.Line((buffer == BufferKind.Dot ? _c.Local(node, BufferKind.Dot) : Names[node]) + ".CopyTo(" + target + ");");
        }
    }
}
