using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verified.Storage;

/// <summary>
/// Numbers in every JSON file Verified writes are finite: a value that is NaN or ±∞ (σ40 of a
/// matrix with fewer singular values, an exponent of −∞ where a tangent direction collapses) is
/// written as <c>null</c>, which JSON readers take as "no number". Reading turns <c>null</c> back
/// into NaN, and also accepts the strings "NaN", "Infinity" and "-Infinity" that files written
/// before this rule hold, so that recorded runs stay readable.
/// </summary>
public sealed class NonFiniteAsNull : JsonConverter<double>
{
    /// <summary>A number, or NaN for null or for an older file's "NaN", "Infinity" or "-Infinity".</summary>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.Null => double.NaN,
        JsonTokenType.String => reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => throw new JsonException($"'{text}' is not a number"),
        },
        var token => throw new JsonException($"a {token} where a number belongs"),
    };

    /// <summary>A finite number as it is, anything else as null.</summary>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
