namespace Verified.MemoryLimits;

/// <summary>A run that cannot fit: a layout larger than an array holds, or buffers larger than the memory available. Raised before any work.</summary>
public sealed class ResourceLimitException(string message) : Exception(message);
