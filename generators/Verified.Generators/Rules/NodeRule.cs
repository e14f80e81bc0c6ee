using System;
using System.Collections.Generic;
using Verified.Generators.Analysis;
using Verified.Generators.Emitting;
using Verified.Generators.Model;

namespace Verified.Generators.Rules;

/// <summary>
/// Everything the generator knows about one kind of computed node, in one object (as JAX registers a
/// primitive's evaluation, JVP and transpose together): what the plan's analyses need of it, and the code
/// of its forward value, tangent, Jacobian and the two pullbacks. A new structural primitive is a new
/// subclass here and a case of <see cref="For"/>; the kernel skeleton and the analyses stay as they are.
/// </summary>
internal abstract class NodeRule
{
    public static NodeRule For(NodeKind kind) => kind switch
    {
        NodeKind.Unary or NodeKind.Binary => ElementWiseRule.Instance,
        NodeKind.MatVec => MatVecRule.Instance,
        NodeKind.Block => BlockRule.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a computed node"),
    };

    // ---- what the analyses ask ----------------------------------------------------------------

    /// <summary>The values the pullback of <paramref name="node"/> reads (so the tape holds them).</summary>
    public abstract IEnumerable<int> ValuesReadByPullback(CellModel model, int node);

    /// <summary>The tangents the tangent pullback of a state-dependent <paramref name="node"/> reads.</summary>
    public abstract IEnumerable<int> TangentsReadByTangentPullback(CellModel model, int node);

    /// <summary>The shape of ∂node/∂h for a state-dependent node, its operands' shapes and blocks known.</summary>
    public abstract JacobianShape Shape(CellModel model, int node, IReadOnlyList<JacobianShape> shapes, IReadOnlyList<int> blocks);

    /// <summary>The operand whose tangent is exactly this node's, or −1 (<see cref="TangentAliases"/>).</summary>
    public virtual int TangentAlias(CellModel model, int node) => -1;

    /// <summary>Whether the adjoint of <paramref name="operand"/> is exactly this node's (<see cref="AdjointRoots"/>).</summary>
    public virtual bool PassesAdjointTo(CellModel model, int node, int operand) => false;

    // ---- what the kernels compute --------------------------------------------------------------

    /// <summary>y for <paramref name="cols"/> columns, into the node's local.</summary>
    public abstract void Forward(KernelContext c, int node, string cols);

    /// <summary>ẏ for the k tangent columns from the operands' tangents.</summary>
    public abstract void Tangent(KernelContext c, int node);

    /// <summary>The node's diagonal or dense Jacobian ∂y/∂h (its <see cref="KernelContext.JacobianField"/>) from its operands'.</summary>
    public abstract void Jacobian(KernelContext c, int node);

    /// <summary>First-order reverse step: the operands' adjoints += (∂y/∂operand)ᵀ ȳ (and θ̄ for a parameter).</summary>
    public abstract void Pullback(KernelContext c, int node, string cols);

    /// <summary>
    /// Reverse step of the tangent ẏ = Σ_o g_o ȯ: ȱ += g_oᵀ ẏ̄, and the primal adjoints of the operands g
    /// depends on += their second-order terms (docs/design.md's flossing pass), flowing them in <paramref name="pass"/>.
    /// </summary>
    public abstract void TangentPullback(KernelContext c, ReversePass pass, int node);
}
