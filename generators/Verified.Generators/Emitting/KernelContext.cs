using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Verified.Generators.Analysis;
using Verified.Generators.Differentiation;
using Verified.Generators.Model;

namespace Verified.Generators.Emitting;

/// <summary>
/// What the rules and the kernel skeleton share while writing one cell's Kernels&lt;T&gt;: the model, its
/// plan, the identifiers and the writer, with the sizes, spans and element access the generated code is written in.
/// </summary>
internal sealed class KernelContext(CellModel model, KernelPlan plan, SourceWriter writer)
{
    public const string Span = "Span<T>";
    public const string ReadOnlySpan = "ReadOnlySpan<T>";
    public const string Blas = "global::Verified.Dense.Blas.";
    public const string ElementWise = "global::Verified.Dense.ElementWise.";

    public CellModel Model { get; } = model;

    public KernelPlan Plan { get; } = plan;

    public Names Names { get; } = new(model);

    public SourceWriter W { get; } = writer;

    public IEnumerable<int> Indices => Enumerable.Range(0, Model.Nodes.Count);

    public NodeModel Node(int index) => Model.Nodes[index];

    public IEnumerable<int> Operands(int node) => Model.Operands(node);

    public bool NeedsRow(int node) => Model.NeedsRow(node);

    public static string Literal(double value) => ScalarExpr.Literal(value);

    public static string Gemm(string method) => "Gemm." + method + "<T>(";

    // ---- sizes and offsets --------------------------------------------------------------------

    public static string Size(SizeModel size) =>
        size.Name is null ? size.Value.ToString(CultureInfo.InvariantCulture)
        : size.Multiplier == 1 ? "_dim" + size.Name
        : "(" + size.Multiplier.ToString(CultureInfo.InvariantCulture) + " * _dim" + size.Name + ")";

    public string Rows(int node) => Size(Node(node).Size!.Value);

    public string ParameterOffset(int parameter) => "_offset" + Capitalise(Names.Parameters[parameter]);

    public string StateOffset(int state) => "_stateOffset" + Capitalise(Names.States[state]);

    public string StateRows(int state) => Size(Model.States[state].Size);

    public string InputRows => Model.Input is null ? "0" : Size(Model.Input.Size);

    private static string Capitalise(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>The matrix of a Mat·Vec node: its local and its rows and columns.</summary>
    public (string Matrix, string Rows, string Columns) Matrix(int node)
    {
        var parameter = Model.Parameters[Node(node).Index];
        return (Names.Parameters[Node(node).Index], Size(parameter.Rows), Size(parameter.Columns));
    }

    /// <summary>The span of θ̄ that holds a matrix parameter's gradient.</summary>
    public string MatrixBar(int node)
    {
        var (_, rows, columns) = Matrix(node);
        return "thetaBar.Slice(" + ParameterOffset(Node(node).Index) + ", " + rows + " * " + columns + ")";
    }

    // ---- buffers --------------------------------------------------------------------------------

    private static readonly string[] Suffixes = { "", "Dot", "Bar", "DotBar" };

    /// <summary>The local that holds a node's buffer of a kind (shared buffers by their owner's name).</summary>
    public string Local(int node, BufferKind buffer) =>
        Names[buffer switch { BufferKind.Dot or BufferKind.DotBar => Plan.TangentRoot(node), BufferKind.Bar => Plan.AdjointRoot(node), _ => node }] + Suffixes[(int)buffer];

    public string Field(int node, BufferKind buffer) => "_" + Local(node, buffer);

    public string JacobianField(int node) => "_" + Names[node] + "Jac";

    // ---- element access -------------------------------------------------------------------------

    /// <summary>The value of a node at element <paramref name="at"/> (row <paramref name="row"/>).</summary>
    public string Value(int node, string at, string row)
    {
        var n = Node(node);
        return n.Kind switch
        {
            NodeKind.Constant => Literal(n.Constant),
            _ when n.IsScalar => Names[node],
            NodeKind.Parameter => Names[node] + "[" + row + "]",
            _ => Names[node] + "[" + at + "]",
        };
    }

    /// <summary>A formula of a node's rule in its operands (X, A, B) and its value (Y), at one element.</summary>
    public string Render(ScalarExpr formula, int node, string at, string row)
    {
        var n = Node(node);
        return formula.Render(variable => variable switch
        {
            Variable.X or Variable.A => Value(n.A, at, row),
            Variable.B => Value(n.B, at, row),
            _ => Value(node, at, row),
        });
    }

    /// <summary>factor · value, or the value alone where the factor is 1.</summary>
    public static string Times(ScalarExpr factor, string rendered, string value) => factor.IsOne ? value : rendered + " * " + value;

    /// <summary>Adds a contribution to a node's adjoint: a buffer, a row of θ̄ or a scalar.</summary>
    public string Accumulate(int node, string at, string row, string contribution)
    {
        var n = Node(node);
        return n.Kind switch
        {
            _ when n.IsScalar => Local(node, BufferKind.Bar) + " += " + contribution + ";",
            NodeKind.Parameter => "thetaBar[" + ParameterOffset(n.Index) + " + " + row + "] += " + contribution + ";",
            _ => Local(node, BufferKind.Bar) + "[" + at + "] += " + contribution + ";",
        };
    }

    /// <summary>A loop over the elements of a rows×cols block; nested when a row index is needed.</summary>
    public void Loop(string rows, string cols, bool needsRow, Action body)
    {
        if (needsRow)
        {
            W.Open("for (int row = 0; row < " + rows + "; row++)");
            W.Open("for (int col = 0; col < " + cols + "; col++)");
            W.Line("int at = row * " + cols + " + col;");
            body();
            W.Close();
            W.Close();
        }
        else
        {
            W.Open("for (int at = 0; at < " + rows + " * " + cols + "; at++)");
            body();
            W.Close();
        }
    }
}
