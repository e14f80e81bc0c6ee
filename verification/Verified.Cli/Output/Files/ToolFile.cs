using System.Text.Json.Serialization;

namespace Verified.Cli.Output.Files;

/// <summary>
/// The envelope of every JSON file the tool writes: <c>kind</c>, what wrote it (a command, a validation part or a
/// figure), and <c>build</c>, the build that computed it (<see cref="CliBuild"/>), before the file's own fields.
/// A result kept in a store has the store's envelope instead (<c>{id, key, version, build, numericalVersion,
/// result}</c>, docs/design.md).
/// </summary>
/// <param name="Kind">"spectrum", "floss", "condition", "clv", "basis", "train", "check", "cells", "sweep", or the part or figure.</param>
public abstract record ToolFile([property: JsonPropertyOrder(-3)] string Kind)
{
    /// <summary>The version, commit and code digest of the build that wrote the file.</summary>
    [JsonPropertyOrder(-2)]
    public string Build { get; init; } = CliBuild.Origin.Build;
}

/// <summary>A file about one run of one cell: the envelope, then the whole <see cref="RunConfiguration"/> that produced it.</summary>
public abstract record CellRunFile(string Kind, [property: JsonPropertyOrder(-1)] RunConfiguration Configuration) : ToolFile(Kind);
