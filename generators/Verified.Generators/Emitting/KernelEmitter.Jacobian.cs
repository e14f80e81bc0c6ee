using System.Linq;
using Verified.Generators.Analysis;
using Verified.Generators.Rules;

namespace Verified.Generators.Emitting;

internal sealed partial class KernelEmitter
{
    /// <summary>Jacobian: D_s = ∂h_{s+1}/∂h_s, dense n×n, assembled from each node's structured Jacobian (its rule's).</summary>
    private void EmitJacobian()
    {
        Signature("public override", "Jacobian", ", " + KernelContext.Span + " jacobian");
        W.Line("Require(theta, state, input, 1);");
        W.Line("int n = StateSize;");
        W.Line("Require(jacobian.Length, n * n, nameof(jacobian));");
        W.Line("EnsureColumns(1);");
        if (HasJacobianBuffers)
        {
            W.Line("EnsureJacobianBuffers();");
        }
        W.Line("Forward(theta, state, input, 1, default, default);");
        W.Line("int cols = 1;");
        EmitPrimalLocals();
        foreach (var node in Computed.Where(node => Node(node).DependsOnState))
        {
            W.Line("// ∂" + Names[node] + "/∂h: " + Plan.Shape(node));
            NodeRule.For(Node(node).Kind).Jacobian(_c, node);
        }
        W.Line("jacobian.Slice(0, n * n).Clear();");
        for (var s = 0; s < Model.States.Count; s++)
        {
            var update = Model.UpdateNodes[s];
            string Diagonal() => "jacobian[(" + _c.StateOffset(s) + " + row) * n + " + _c.StateOffset(Plan.JacobianBlock(update)) + " + row] = ";
            switch (Plan.Shape(update))
            {
                case JacobianShape.Identity:
                    W.Open("for (int row = 0; row < " + _c.StateRows(s) + "; row++)");
                    W.Line(Diagonal() + KernelContext.Literal(1) + ";");
                    W.Close();
                    break;
                case JacobianShape.Diagonal:
                    W.Open("for (int row = 0; row < " + _c.StateRows(s) + "; row++)");
                    W.Line(Diagonal() + _c.JacobianField(update) + "[row];");
                    W.Close();
                    break;
                case JacobianShape.Dense:
                    W.Line(_c.JacobianField(update) + ".AsSpan().CopyTo(jacobian.Slice(" + _c.StateOffset(s) + " * n, " + _c.StateRows(s) + " * n));");
                    break;
            }
        }
        W.Close();
    }
}
