using System.Collections.Generic;
using Verified.Generators.Analysis;

namespace Verified.Generators.Emitting;

/// <summary>
/// What one reverse pass being written has done so far; a new one for each of StepVjp and TangentVjp.
/// Nodes come in reverse graph order, so a node's consumers have all been written when it comes.
/// </summary>
internal sealed class ReversePass(KernelContext context)
{
    private readonly HashSet<int> _flowed = new();
    private readonly HashSet<int> _writtenTangentAdjoints = new();

    /// <summary>
    /// Marks a node whose primal adjoint something has flowed into. The adjoint of any other node is
    /// zero and its pullback is not written: StepVjp seeds every update node, TangentVjp none, so there
    /// the first-order chain runs only from the nodes its second-order terms reach (for vanilla-tanh, whose
    /// one such term lands in h̄ itself, no Wᵀ·0 and no W̄ += 0·tanh(h)ᵀ: two passes over n×n matrices a step).
    /// </summary>
    public void Flow(int node) => _flowed.Add(node);

    public bool Flowed(int node) => context.Node(node).NeedsAdjoint && _flowed.Contains(node);

    /// <summary>
    /// Whether a contribution that writes all of a node's tangent adjoint is its first, so that it assigns
    /// (a copy, a scaled copy, a product without accumulation) rather than clearing an n×k buffer and adding
    /// to it; marks it written.
    /// </summary>
    public bool FirstTangentAdjointWrite(int node) => _writtenTangentAdjoints.Add(context.Plan.TangentRoot(node));

    /// <summary>Before a partial contribution to, or a read of, a node's tangent adjoint: clears it if nothing was written to it yet.</summary>
    public void EnsureTangentAdjointStarted(int node)
    {
        if (FirstTangentAdjointWrite(node))
        {
            context.W.Line(context.Local(node, BufferKind.DotBar) + ".Clear();");
        }
    }

    public bool TangentAdjointWritten(int node) => _writtenTangentAdjoints.Contains(node);
}
