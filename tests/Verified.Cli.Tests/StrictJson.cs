using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// The one check of every JSON file the commands write: it parses with System.Text.Json's strict
/// reader (no NaN or Infinity literals, comments or trailing commas), every number is a finite
/// double, and no string stands in for a number that is not finite ("NaN", "Infinity", "-Infinity",
/// "∞"): such a value is null.
/// </summary>
public static class StrictJson
{
    /// <summary>Checks every file; returns how many were checked.</summary>
    public static int AssertNumbersOrNull(IEnumerable<string> paths)
    {
        var count = 0;
        foreach (var path in paths)
        {
            AssertNumbersOrNull(path);
            count++;
        }
        return count;
    }

    /// <summary>Every JSON file below <paramref name="folder"/>; at least one must be there.</summary>
    public static int AssertFolder(string folder)
    {
        var count = AssertNumbersOrNull(Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories));
        Assert.True(count > 0, $"no JSON file in {folder}");
        return count;
    }

    public static void AssertNumbersOrNull(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var problems = new List<string>();
        Walk(document.RootElement, "$", problems);
        Assert.True(problems.Count == 0, $"{path}: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" and {problems.Count - 5} more" : "")}");
    }

    private static void Walk(JsonElement element, string at, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{at}.{property.Name}", problems);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{at}[{index++}]", problems);
                }
                break;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    problems.Add($"{at} = {element.GetRawText()} is not a finite double");
                }
                break;
            case JsonValueKind.String:
                if (double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var named) && !double.IsFinite(named))
                {
                    problems.Add($"{at} = \"{element.GetString()}\" is a non-finite number written as a string");
                }
                break;
        }
    }
}
