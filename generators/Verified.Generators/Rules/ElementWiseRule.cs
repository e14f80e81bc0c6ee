using System.Collections.Generic;
using System.Linq;
using Verified.Generators.Analysis;
using Verified.Generators.Differentiation;
using Verified.Generators.Emitting;
using Verified.Generators.Model;

namespace Verified.Generators.Rules;

/// <summary>
/// y = f(a) or f(a, b) element by element, scalars broadcasting: the value and the first and second
/// derivatives of f come from <see cref="PrimitiveRules"/>, and this rule composes them into each pass.
/// </summary>
internal sealed class ElementWiseRule : NodeRule
{
    public static readonly ElementWiseRule Instance = new();

    /// <summary>∂y/∂operand for the operand in position <paramref name="position"/>.</summary>
    private static ScalarExpr FirstDerivative(NodeModel n, int position) => n.Kind == NodeKind.Unary
        ? PrimitiveRules.ForUnary(n.Primitive).First
        : position == 0 ? PrimitiveRules.ForBinary(n.Primitive).DA : PrimitiveRules.ForBinary(n.Primitive).DB;

    /// <summary>∂²y/∂operand_i∂operand_j.</summary>
    private static ScalarExpr SecondDerivative(NodeModel n, int i, int j)
    {
        if (n.Kind == NodeKind.Unary)
        {
            return PrimitiveRules.ForUnary(n.Primitive).Second;
        }
        var rule = PrimitiveRules.ForBinary(n.Primitive);
        return i == 0 && j == 0 ? rule.DAA : i == 1 && j == 1 ? rule.DBB : rule.DAB;
    }

    private static IEnumerable<(int Operand, int Position)> Positions(CellModel model, int node) =>
        model.Operands(node).Select((operand, position) => (operand, position));

    private static IEnumerable<(int Operand, int Position)> StateDependent(CellModel model, int node) =>
        Positions(model, node).Where(term => model.Nodes[term.Operand].DependsOnState);

    /// <summary>Second-order terms: operand p needing an adjoint, tangent operand o, with ∂²y/∂p∂o ≠ 0.</summary>
    private static IEnumerable<((int Operand, int Position) P, (int Operand, int Position) O, ScalarExpr H)> SecondOrder(CellModel model, int node) =>
        Positions(model, node)
            .Where(p => model.Nodes[p.Operand].NeedsAdjoint)
            .SelectMany(p => StateDependent(model, node).Select(o => (P: p, O: o, H: SecondDerivative(model.Nodes[node], p.Position, o.Position))))
            .Where(term => !term.H.IsZero);

    // ---- analyses -------------------------------------------------------------------------------

    /// <summary>The values a first derivative toward an operand needing an adjoint is written in.</summary>
    public override IEnumerable<int> ValuesReadByPullback(CellModel model, int node)
    {
        var n = model.Nodes[node];
        foreach (var (operand, position) in Positions(model, node).Where(term => model.Nodes[term.Operand].NeedsAdjoint))
        {
            var derivative = FirstDerivative(n, position);
            if (derivative.Uses(Variable.Y))
            {
                yield return node;
            }
            if (derivative.Uses(Variable.X) || derivative.Uses(Variable.A))
            {
                yield return n.A;
            }
            if (derivative.Uses(Variable.B))
            {
                yield return n.B;
            }
        }
    }

    public override IEnumerable<int> TangentsReadByTangentPullback(CellModel model, int node) =>
        SecondOrder(model, node).Select(term => term.O.Operand);

    /// <summary>Diagonal where every state-dependent operand is an identity or diagonal on one same block; dense otherwise.</summary>
    public override JacobianShape Shape(CellModel model, int node, IReadOnlyList<JacobianShape> shapes, IReadOnlyList<int> blocks)
    {
        var dependent = StateDependent(model, node).Select(term => term.Operand).ToList();
        return dependent.All(operand => shapes[operand] is JacobianShape.Identity or JacobianShape.Diagonal) && dependent.Select(operand => blocks[operand]).Distinct().Count() == 1
            ? JacobianShape.Diagonal
            : JacobianShape.Dense;
    }

    /// <summary>A sum or difference with one state-dependent operand entering with factor 1 has that operand's tangent.</summary>
    public override int TangentAlias(CellModel model, int node)
    {
        var n = model.Nodes[node];
        if (n.Kind != NodeKind.Binary || n.Primitive is not (Primitive.Add or Primitive.Subtract) || !n.DependsOnState)
        {
            return -1;
        }
        var (a, b) = (model.Nodes[n.A].DependsOnState, model.Nodes[n.B].DependsOnState);
        return a && !b ? n.A : b && !a && n.Primitive == Primitive.Add ? n.B : -1;
    }

    /// <summary>A vector sum passes ȳ to each term, a difference to its minuend.</summary>
    public override bool PassesAdjointTo(CellModel model, int node, int operand)
    {
        var n = model.Nodes[node];
        return n.Kind == NodeKind.Binary && !n.IsScalar && (n.Primitive == Primitive.Add || (n.Primitive == Primitive.Subtract && n.A == operand));
    }

    // ---- passes ---------------------------------------------------------------------------------

    public override void Forward(KernelContext c, int node, string cols)
    {
        var n = c.Node(node);
        var formula = n.Kind == NodeKind.Unary ? PrimitiveRules.ForUnary(n.Primitive).Value : PrimitiveRules.ForBinary(n.Primitive).Value;
        if (n.IsScalar)
        {
            c.W.Line("T " + c.Names[node] + " = " + c.Render(formula, node, "at", "row") + ";");
            return;
        }
        if (PrimitiveRules.VectorRoutine(n.Primitive) is { } routine && !c.Operands(node).Any(c.NeedsRow))
        {
            // Whole buffers at once: operands are buffers of this node's shape or scalars.
            var arguments = c.Operands(node).Select(operand => c.Node(operand).Kind == NodeKind.Constant ? KernelContext.Literal(c.Node(operand).Constant) : c.Names[operand]);
            c.W.Line(KernelContext.ElementWise + routine + "<T>(" + string.Join(", ", arguments) + ", " + c.Names[node] + ");");
            return;
        }
        if (n.Primitive == Primitive.Add && c.NeedsRow(n.A) != c.NeedsRow(n.B) && !c.Node(n.A).IsScalar && !c.Node(n.B).IsScalar)
        {
            // A buffer plus a vector parameter broadcast over the columns (a bias), row by row in vectors.
            var (buffer, broadcast) = c.NeedsRow(n.A) ? (n.B, n.A) : (n.A, n.B);
            c.W.Line(KernelContext.ElementWise + "AddRows<T>(" + c.Names[buffer] + ", " + c.Names[broadcast] + ", " + c.Names[node] + ", " + cols + ");");
            return;
        }
        c.Loop(c.Rows(node), cols, c.Operands(node).Any(c.NeedsRow), () =>
            c.W.Line(c.Names[node] + "[at] = " + c.Render(formula, node, "at", "row") + ";"));
    }

    /// <summary>Row by row, ẏ_row = Σ_o (∂y/∂o)_row ȯ_row over the k columns, with SIMD row kernels.</summary>
    public override void Tangent(KernelContext c, int node)
    {
        var n = c.Node(node);
        c.W.Open("for (int row = 0; row < " + c.Rows(node) + "; row++)");
        c.W.Line("var target = " + c.Local(node, BufferKind.Dot) + ".Slice(row * k, k);");
        var first = true;
        foreach (var (operand, position) in StateDependent(c.Model, node))
        {
            var derivative = FirstDerivative(n, position);
            var factor = derivative.IsOne ? KernelContext.Literal(1) : c.Render(derivative, node, "row", "row");
            c.W.Line(KernelContext.Blas + (first ? "ScaleTo" : "Axpy") + "<T>(" + factor + ", " + c.Local(operand, BufferKind.Dot) + ".Slice(row * k, k), target);");
            first = false;
        }
        c.W.Close();
    }

    public override void Jacobian(KernelContext c, int node)
    {
        if (c.Plan.Shape(node) == JacobianShape.Diagonal)
        {
            DiagonalJacobian(c, node);
        }
        else
        {
            DenseJacobian(c, node);
        }
    }

    /// <summary>The diagonal, from operands that are diagonal on one block.</summary>
    private static void DiagonalJacobian(KernelContext c, int node)
    {
        var n = c.Node(node);
        c.W.Open("for (int row = 0; row < " + c.Rows(node) + "; row++)");
        var terms = StateDependent(c.Model, node).Select(term =>
        {
            var derivative = c.Render(FirstDerivative(n, term.Position), node, "row", "row");
            return c.Plan.Shape(term.Operand) == JacobianShape.Identity ? derivative : derivative + " * " + c.JacobianField(term.Operand) + "[row]";
        });
        c.W.Line(c.JacobianField(node) + "[row] = " + string.Join(" + ", terms) + ";");
        c.W.Close();
    }

    /// <summary>Dense rows×n: the operands' Jacobians scaled row by row by the derivatives.</summary>
    private static void DenseJacobian(KernelContext c, int node)
    {
        var n = c.Node(node);
        var target = c.JacobianField(node);
        c.W.Line(target + ".AsSpan().Clear();");
        c.W.Open("for (int row = 0; row < " + c.Rows(node) + "; row++)");
        foreach (var (operand, position) in StateDependent(c.Model, node))
        {
            var formula = FirstDerivative(n, position);
            var derivative = c.Render(formula, node, "row", "row");
            switch (c.Plan.Shape(operand))
            {
                case JacobianShape.Dense:
                    c.W.Open("for (int col = 0; col < n; col++)");
                    c.W.Line(target + "[row * n + col] += " + KernelContext.Times(formula, derivative, c.JacobianField(operand) + "[row * n + col]") + ";");
                    c.W.Close();
                    break;
                case JacobianShape.Diagonal:
                    c.W.Line(target + "[row * n + " + c.StateOffset(c.Plan.JacobianBlock(operand)) + " + row] += " +
                        KernelContext.Times(formula, derivative, c.JacobianField(operand) + "[row]") + ";");
                    break;
                default:
                    c.W.Line(target + "[row * n + " + c.StateOffset(c.Plan.JacobianBlock(operand)) + " + row] += " + derivative + ";");
                    break;
            }
        }
        c.W.Close();
    }

    public override void Pullback(KernelContext c, int node, string cols)
    {
        var n = c.Node(node);
        // An operand that shares this node's adjoint buffer (AdjointRoots) already holds its contribution.
        var terms = Positions(c.Model, node)
            .Where(term => c.Node(term.Operand).NeedsAdjoint && (n.IsScalar || c.Local(term.Operand, BufferKind.Bar) != c.Local(node, BufferKind.Bar)))
            .ToList();
        if (terms.Count == 0 || (!n.IsScalar && TryVectorPullback(c, node, terms, cols)))
        {
            return;
        }
        void Body()
        {
            var bar = n.IsScalar ? c.Local(node, BufferKind.Bar) : c.Local(node, BufferKind.Bar) + "[at]";
            foreach (var (operand, position) in terms)
            {
                var derivative = FirstDerivative(n, position);
                c.W.Line(c.Accumulate(operand, "at", "row", KernelContext.Times(derivative, c.Render(derivative, node, "at", "row"), bar)));
            }
        }
        if (n.IsScalar)
        {
            Body();
        }
        else
        {
            c.Loop(c.Rows(node), cols, c.Operands(node).Any(c.NeedsRow), Body);
        }
    }

    /// <summary>
    /// Whole-buffer pullbacks where every operand needing an adjoint is a buffer of the node's shape or a
    /// broadcast vector parameter: sums and differences as axpys and row sums (for the parameter), and,
    /// where no operand is broadcast, products as fused multiply-adds and the unary primitives that have a
    /// vector pullback in PrimitiveRules.
    /// </summary>
    private static bool TryVectorPullback(KernelContext c, int node, List<(int Operand, int Position)> terms, string cols)
    {
        var n = c.Node(node);
        if (terms.Any(term => c.Node(term.Operand).IsScalar))
        {
            return false;
        }
        var bar = c.Local(node, BufferKind.Bar);
        var axpy = KernelContext.Blas + "Axpy<T>(";
        if (n.Kind == NodeKind.Binary && n.Primitive is Primitive.Add or Primitive.Subtract)
        {
            foreach (var (operand, position) in terms)
            {
                var negative = position == 1 && n.Primitive == Primitive.Subtract;
                if (c.NeedsRow(operand))
                {
                    // A vector broadcast over the columns: its adjoint is ȳ's row sums.
                    c.W.Open("for (int row = 0; row < " + c.Rows(node) + "; row++)");
                    c.W.Line("thetaBar[" + c.ParameterOffset(c.Node(operand).Index) + " + row] " + (negative ? "-" : "+") + "= " + KernelContext.Blas + "Sum<T>(" +
                        bar + ".Slice(row * " + cols + ", " + cols + "));");
                    c.W.Close();
                }
                else
                {
                    c.W.Line(axpy + KernelContext.Literal(negative ? -1 : 1) + ", " + bar + ", " + c.Local(operand, BufferKind.Bar) + ");");
                }
            }
            return true;
        }
        if (c.Operands(node).Any(c.NeedsRow))
        {
            return false;
        }
        switch (n.Kind, n.Primitive)
        {
            case (NodeKind.Unary, _) when PrimitiveRules.VectorPullback(n.Primitive) is { } pullback:
                foreach (var (operand, _) in terms)
                {
                    c.W.Line(KernelContext.ElementWise + pullback + "<T>(" + c.Names[node] + ", " + bar + ", " + c.Local(operand, BufferKind.Bar) + ");");
                }
                return true;
            case (NodeKind.Binary, Primitive.Multiply):
                foreach (var (operand, position) in terms)
                {
                    var other = position == 0 ? n.B : n.A;
                    c.W.Line(c.Node(other).IsScalar
                        ? axpy + c.Value(other, "0", "0") + ", " + bar + ", " + c.Local(operand, BufferKind.Bar) + ");"
                        : KernelContext.ElementWise + "MultiplyAdd<T>(" + c.Names[other] + ", " + bar + ", " + c.Local(operand, BufferKind.Bar) + ");");
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Row by row over the k columns with SIMD row kernels: ȱ_row += g_o ẏ̄_row (= on its first write),
    /// sum_o = ⟨ẏ̄_row, ȯ_row⟩, and each second-order term p̄_row += ∂g_o/∂p · sum_o.
    /// </summary>
    public override void TangentPullback(KernelContext c, ReversePass pass, int node)
    {
        var n = c.Node(node);
        var secondOrder = SecondOrder(c.Model, node).ToList();
        c.W.Open("for (int row = 0; row < " + c.Rows(node) + "; row++)");
        c.W.Line("var source = " + c.Local(node, BufferKind.DotBar) + ".Slice(row * k, k);");
        foreach (var (operand, position) in StateDependent(c.Model, node))
        {
            var derivative = FirstDerivative(n, position);
            var factor = derivative.IsOne ? KernelContext.Literal(1) : c.Render(derivative, node, "row", "row");
            var kernel = pass.FirstTangentAdjointWrite(operand) ? "ScaleTo" : "Axpy";
            c.W.Line(KernelContext.Blas + kernel + "<T>(" + factor + ", source, " + c.Local(operand, BufferKind.DotBar) + ".Slice(row * k, k));");
        }
        foreach (var o in secondOrder.Select(term => term.O).Distinct())
        {
            c.W.Line("T sum" + o.Position + " = " + KernelContext.Blas + "Dot<T>(source, " + c.Local(o.Operand, BufferKind.Dot) + ".Slice(row * k, k));");
        }
        foreach (var (p, o, h) in secondOrder)
        {
            c.W.Line(c.Accumulate(p.Operand, "row", "row", KernelContext.Times(h, c.Render(h, node, "row", "row"), "sum" + o.Position)));
            pass.Flow(p.Operand);
        }
        c.W.Close();
    }
}
