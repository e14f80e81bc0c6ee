using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Verified.Generators.Analysis;
using Verified.Generators.Emitting;
using Verified.Generators.Model;

namespace Verified.Generators.Rules;

/// <summary>
/// y = Block(a, j, G): rows [j·m, (j+1)·m) of a, m = |y|. Linear and not element-wise: forward and tangent
/// copy the block (contiguous in the feature-major layout), the Jacobian is the block's rows of the
/// operand's, and the pullback adds the cotangent into the block.
/// </summary>
internal sealed class BlockRule : NodeRule
{
    public static readonly BlockRule Instance = new();

    public override IEnumerable<int> ValuesReadByPullback(CellModel model, int node) => Enumerable.Empty<int>();

    public override IEnumerable<int> TangentsReadByTangentPullback(CellModel model, int node) => Enumerable.Empty<int>();

    public override JacobianShape Shape(CellModel model, int node, IReadOnlyList<JacobianShape> shapes, IReadOnlyList<int> blocks) => JacobianShape.Dense;

    /// <summary>The first row of the block in its operand: index × the block's size.</summary>
    private static string Start(KernelContext c, int node) => c.Node(node).Index switch
    {
        0 => "0",
        1 => c.Rows(node),
        var index => "(" + index.ToString(CultureInfo.InvariantCulture) + " * " + c.Rows(node) + ")",
    };

    /// <summary>The block's rows of a buffer of the operand's shape, for <paramref name="cols"/> columns.</summary>
    private static string Rows(KernelContext c, int node, string buffer, string cols) =>
        buffer + ".Slice(" + Start(c, node) + " * " + cols + ", " + c.Rows(node) + " * " + cols + ")";

    public override void Forward(KernelContext c, int node, string cols)
    {
        var a = c.Node(node).A;
        if (c.NeedsRow(a))
        {
            // A slice of a broadcast vector parameter.
            c.Loop(c.Rows(node), cols, needsRow: true, () => c.W.Line(c.Names[node] + "[at] = " + c.Names[a] + "[" + Start(c, node) + " + row];"));
            return;
        }
        c.W.Line(Rows(c, node, c.Names[a], cols) + ".CopyTo(" + c.Names[node] + ");");
    }

    public override void Tangent(KernelContext c, int node) =>
        c.W.Line(Rows(c, node, c.Local(c.Node(node).A, BufferKind.Dot), "k") + ".CopyTo(" + c.Local(node, BufferKind.Dot) + ");");

    /// <summary>rows×n of a dense operand Jacobian, or one entry per row of an identity or diagonal one.</summary>
    public override void Jacobian(KernelContext c, int node)
    {
        var a = c.Node(node).A;
        var target = c.JacobianField(node);
        if (c.Plan.Shape(a) == JacobianShape.Dense)
        {
            c.W.Line(c.JacobianField(a) + ".AsSpan(" + Start(c, node) + " * n, " + c.Rows(node) + " * n).CopyTo(" + target + ");");
            return;
        }
        c.W.Line(target + ".AsSpan().Clear();");
        var entry = c.Plan.Shape(a) == JacobianShape.Diagonal ? c.JacobianField(a) + "[" + Start(c, node) + " + row]" : KernelContext.Literal(1);
        c.W.Open("for (int row = 0; row < " + c.Rows(node) + "; row++)");
        c.W.Line(target + "[row * n + " + c.StateOffset(c.Plan.JacobianBlock(a)) + " + " + Start(c, node) + " + row] = " + entry + ";");
        c.W.Close();
    }

    /// <summary>ā += ȳ in the block's rows (the block of an operand needing an adjoint needs one itself).</summary>
    public override void Pullback(KernelContext c, int node, string cols)
    {
        var a = c.Node(node).A;
        if (c.NeedsRow(a))
        {
            c.Loop(c.Rows(node), cols, needsRow: true, () =>
                c.W.Line(c.Accumulate(a, "at", Start(c, node) + " + row", c.Local(node, BufferKind.Bar) + "[at]")));
            return;
        }
        c.W.Line(KernelContext.Blas + "Axpy<T>(" + KernelContext.Literal(1) + ", " + c.Local(node, BufferKind.Bar) + ", " + Rows(c, node, c.Local(a, BufferKind.Bar), cols) + ");");
    }

    /// <summary>ǡ += ẏ̄ in the block's rows; linear, so no second-order term.</summary>
    public override void TangentPullback(KernelContext c, ReversePass pass, int node)
    {
        var a = c.Node(node).A;
        pass.EnsureTangentAdjointStarted(a);
        c.W.Line(KernelContext.Blas + "Axpy<T>(" + KernelContext.Literal(1) + ", " + c.Local(node, BufferKind.DotBar) + ", " + Rows(c, node, c.Local(a, BufferKind.DotBar), "k") + ");");
    }
}
