using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verified.Storage;

/// <summary>
/// The JSON of every file Verified writes (results, stores, snapshots): one set of options, so that a file written by
/// the command, by a user's snapshot test or by the experiments' result store reads the same way everywhere.
/// </summary>
public static class ResultJson
{
    /// <summary>camelCase names and enums, indented, strict about required values.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Finite numbers or null, never the strings "NaN" or "Infinity" (which older files hold and still read).
        Converters = { new NonFiniteAsNull(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // A result missing a constructor argument, or with null where none is allowed, is not a result.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>The Verified version (of this runtime assembly) that files record beside their contents.</summary>
    public static string Version { get; } = typeof(ResultJson).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
