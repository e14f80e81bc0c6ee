namespace Verified.Generators.Analysis;

/// <summary>
/// The structure of ∂node/∂h known at generation time: zero; the identity on one state block; a
/// diagonal on one state block (element-wise functions of one state); or dense rows×n.
/// </summary>
internal enum JacobianShape { Zero, Identity, Diagonal, Dense }
