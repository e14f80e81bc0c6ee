using System.Collections.Generic;
using Verified.Generators.Analysis;
using Verified.Generators.Emitting;
using Verified.Generators.Model;

namespace Verified.Generators.Rules;

/// <summary>y = W a, W a matrix parameter: linear in a, so every derivative is a product with W or Wᵀ.</summary>
internal sealed class MatVecRule : NodeRule
{
    public static readonly MatVecRule Instance = new();

    /// <summary>W̄ += ȳ aᵀ reads a.</summary>
    public override IEnumerable<int> ValuesReadByPullback(CellModel model, int node) => new[] { model.Nodes[node].A };

    /// <summary>W̄ += ẏ̄ ȧᵀ reads ȧ.</summary>
    public override IEnumerable<int> TangentsReadByTangentPullback(CellModel model, int node) => new[] { model.Nodes[node].A };

    public override JacobianShape Shape(CellModel model, int node, IReadOnlyList<JacobianShape> shapes, IReadOnlyList<int> blocks) => JacobianShape.Dense;

    public override void Forward(KernelContext c, int node, string cols)
    {
        var (matrix, rows, columns) = c.Matrix(node);
        c.W.Line(KernelContext.Gemm("Multiply") + matrix + ", " + c.Names[c.Node(node).A] + ", " + c.Names[node] + ", " + rows + ", " + columns + ", " + cols + ", accumulate: false);");
    }

    public override void Tangent(KernelContext c, int node)
    {
        var (matrix, rows, columns) = c.Matrix(node);
        c.W.Line(KernelContext.Gemm("Multiply") + matrix + ", " + c.Local(c.Node(node).A, BufferKind.Dot) + ", " + c.Local(node, BufferKind.Dot) + ", " +
            rows + ", " + columns + ", k, accumulate: false);");
    }

    /// <summary>W times the operand's dense Jacobian, or W·diag(d) on the operand's block: W's columns scaled by d.</summary>
    public override void Jacobian(KernelContext c, int node)
    {
        var a = c.Node(node).A;
        var (matrix, rows, columns) = c.Matrix(node);
        var target = c.JacobianField(node);
        if (c.Plan.Shape(a) == JacobianShape.Dense)
        {
            c.W.Line(KernelContext.Gemm("Multiply") + matrix + ", " + c.JacobianField(a) + ", " + target + ", " + rows + ", " + columns + ", n, accumulate: false);");
            return;
        }
        c.W.Line(target + ".AsSpan().Clear();");
        var scale = c.Plan.Shape(a) == JacobianShape.Diagonal ? " * " + c.JacobianField(a) + "[col]" : "";
        c.W.Open("for (int row = 0; row < " + rows + "; row++)");
        c.W.Open("for (int col = 0; col < " + columns + "; col++)");
        c.W.Line(target + "[row * n + " + c.StateOffset(c.Plan.JacobianBlock(a)) + " + col] = " + matrix + "[row * " + columns + " + col]" + scale + ";");
        c.W.Close();
        c.W.Close();
    }

    /// <summary>ā += Wᵀ ȳ, W̄ += ȳ aᵀ.</summary>
    public override void Pullback(KernelContext c, int node, string cols)
    {
        var a = c.Node(node).A;
        var (matrix, rows, columns) = c.Matrix(node);
        if (c.Node(a).NeedsAdjoint)
        {
            c.W.Line(KernelContext.Gemm("MultiplyTransposedA") + matrix + ", " + c.Local(node, BufferKind.Bar) + ", " + c.Local(a, BufferKind.Bar) + ", " +
                columns + ", " + rows + ", " + cols + ", accumulate: true);");
        }
        c.W.Line(KernelContext.Gemm("MultiplyTransposedB") + c.Local(node, BufferKind.Bar) + ", " + c.Names[a] + ", " + c.MatrixBar(node) + ", " +
            rows + ", " + cols + ", " + columns + ", accumulate: true);");
    }

    /// <summary>ǡ (+)= Wᵀ ẏ̄ (assigning on its first write), W̄ += ẏ̄ ȧᵀ; linear, so no second-order term.</summary>
    public override void TangentPullback(KernelContext c, ReversePass pass, int node)
    {
        var a = c.Node(node).A;
        var (matrix, rows, columns) = c.Matrix(node);
        var accumulate = pass.FirstTangentAdjointWrite(a) ? "false" : "true";
        c.W.Line(KernelContext.Gemm("MultiplyTransposedA") + matrix + ", " + c.Local(node, BufferKind.DotBar) + ", " + c.Local(a, BufferKind.DotBar) + ", " +
            columns + ", " + rows + ", k, accumulate: " + accumulate + ");");
        c.W.Line(KernelContext.Gemm("MultiplyTransposedB") + c.Local(node, BufferKind.DotBar) + ", " + c.Local(a, BufferKind.Dot) + ", " + c.MatrixBar(node) + ", " +
            rows + ", k, " + columns + ", accumulate: true);");
    }
}
