using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Verified.Storage;

namespace Verified.Testing;

/// <summary>
/// The name of a snapshot taken at chosen options: "KIND-CELL-DIGEST", DIGEST the first 8 hex digits of the SHA-256 of
/// the options as canonical JSON, so that two snapshots of one cell at other options never share a file, and the same
/// options always find the same one.
/// </summary>
public static class SnapshotName
{
    /// <summary>The name of the <paramref name="kind"/> snapshot ("spectrum", "flossing") of <paramref name="cell"/> at <paramref name="options"/>.</summary>
    public static string For(string kind, string cell, object options) =>
        $"{kind}-{cell}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(options))), 0, 4)}";

    /// <summary>The options as the snapshot file records them: compact JSON, camelCase, enums by name.</summary>
    public static string Canonical(object options) => JsonSerializer.Serialize(options, options.GetType(), Compact);

    private static readonly JsonSerializerOptions Compact = new(ResultJson.Options) { WriteIndented = false };
}
