namespace Verified.Generators.Model;

internal enum NodeKind
{
    /// <summary>A state vector h_s (Index: the state).</summary>
    State,
    /// <summary>The input x_{s+1}.</summary>
    Input,
    /// <summary>A parameter (Index: the parameter); matrices appear only inside MatVec.</summary>
    Parameter,
    /// <summary>A numeric constant.</summary>
    Constant,
    /// <summary>An element-wise primitive of one operand (A).</summary>
    Unary,
    /// <summary>An element-wise primitive of two operands (A, B), scalars broadcasting.</summary>
    Binary,
    /// <summary>The product of matrix parameter Index with vector A.</summary>
    MatVec,
    /// <summary>Block Index of vector A split into equal blocks of this node's size: CellMath.Block.</summary>
    Block,
}

/// <summary>
/// One node of the cell's expression graph. Nodes are stored in topological order (operands first),
/// shared where structurally equal. <see cref="Size"/> is null for a scalar.
/// </summary>
internal sealed record NodeModel(
    NodeKind Kind,
    Primitive Primitive,
    int A,
    int B,
    int Index,
    double Constant,
    SizeModel? Size,
    string? Name,
    string Text,
    bool DependsOnState,
    bool NeedsAdjoint)
{
    public bool IsScalar => Size is null;

    /// <summary>Whether the node is computed from operands by a rule (Rules/NodeRule.For), rather than read from θ, the state, the input or a literal.</summary>
    public bool IsComputed => Kind is NodeKind.Unary or NodeKind.Binary or NodeKind.MatVec or NodeKind.Block;
}
