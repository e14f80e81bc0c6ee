namespace Verified.Generators.Analysis;

/// <summary>The per-node buffers of a kernel: the value y, its tangent ẏ, its adjoint ȳ and the tangent's adjoint ẏ̄.</summary>
internal enum BufferKind { Value, Dot, Bar, DotBar }
