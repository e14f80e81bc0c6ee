using System.Collections.Generic;
using Verified.Generators.Model;

namespace Verified.Generators.Analysis;

/// <summary>
/// What the emitter needs to know of a cell's graph beyond the model, computed once from it and never
/// changed (as the Regex generator's RegexTreeAnalyzer does for a pattern): buffer sharing, Jacobian
/// structure, the tape and the tangents the reverse pass reads. Each analysis is a file of this folder;
/// what a node kind contributes to it is a question its rule (Rules/) answers.
/// </summary>
internal sealed class KernelPlan
{
    private readonly int[] _tangentAliases;
    private readonly int[] _adjointRoots;
    private readonly JacobianShape[] _shapes;
    private readonly int[] _jacobianBlocks;
    private readonly bool[] _reverseTangents;
    private readonly HashSet<int> _onTape;

    private KernelPlan(CellModel model)
    {
        Model = model;
        _tangentAliases = TangentAliases.Of(model);
        _adjointRoots = AdjointRoots.Of(model);
        (_shapes, _jacobianBlocks) = JacobianStructure.Of(model);
        Tape = TapeNodes.Of(model);
        _onTape = new HashSet<int>(Tape);
        _reverseTangents = ReverseTangents.Of(model, _tangentAliases);
    }

    public static KernelPlan Of(CellModel model) => new(model);

    public CellModel Model { get; }

    /// <summary>The tape's nodes in the order of their spans (<see cref="TapeNodes"/>).</summary>
    public IReadOnlyList<int> Tape { get; }

    public bool IsOnTape(int node) => _onTape.Contains(node);

    /// <summary>The node whose tangent this node shares, or −1 (<see cref="TangentAliases"/>).</summary>
    public int TangentAlias(int node) => _tangentAliases[node];

    /// <summary>The node that owns this node's tangent and tangent-adjoint buffers: its alias, or itself.</summary>
    public int TangentRoot(int node) => _tangentAliases[node] is var root and >= 0 ? root : node;

    /// <summary>The node that owns this node's primal adjoint buffer (<see cref="AdjointRoots"/>).</summary>
    public int AdjointRoot(int node) => _adjointRoots[node];

    public JacobianShape Shape(int node) => _shapes[node];

    /// <summary>The state block of an identity or diagonal Jacobian.</summary>
    public int JacobianBlock(int node) => _jacobianBlocks[node];

    /// <summary>Whether TangentVjp's reverse pass reads this (root) node's tangent (<see cref="ReverseTangents"/>).</summary>
    public bool IsReverseTangent(int node) => _reverseTangents[node];

    /// <summary>Whether a node has a field of each kind: values and adjoints of computed vectors, tangents
    /// and their adjoints of computed vectors that depend on the state, one per shared buffer.</summary>
    public bool HasBuffer(int node, BufferKind buffer) => buffer switch
    {
        BufferKind.Value => Model.IsComputedVector(node),
        BufferKind.Bar => Model.IsComputedVector(node) && Model.Nodes[node].NeedsAdjoint && AdjointRoot(node) == node,
        _ => Model.IsComputedVector(node) && Model.Nodes[node].DependsOnState && TangentAlias(node) < 0,
    };

    /// <summary>Whether a node has a Jacobian buffer (a diagonal or dense one).</summary>
    public bool HasJacobian(int node) => Shape(node) is JacobianShape.Diagonal or JacobianShape.Dense;
}
