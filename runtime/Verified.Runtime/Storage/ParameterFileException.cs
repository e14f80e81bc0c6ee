namespace Verified.Storage;

/// <summary>A parameter file (safetensors) that cannot be read, or does not fit the cell it is loaded into; the message names the file and, where there is one, the tensor.</summary>
public sealed class ParameterFileException(string path, string problem) : Exception($"parameter file '{path}' {problem}");
