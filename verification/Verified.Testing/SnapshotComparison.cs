using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verified.Testing;

/// <summary>The comparison of a snapshot with a run: numbers within a <see cref="SnapshotTolerance"/>, everything else exactly.</summary>
public static class SnapshotComparison
{
    /// <summary>Each place where <paramref name="now"/> differs from <paramref name="snapshot"/>, as "$.path: snapshot A, now B".</summary>
    public static IReadOnlyList<string> Differences(JsonNode? snapshot, JsonNode? now, SnapshotTolerance tolerance)
    {
        var differences = new List<string>();
        Compare(snapshot, now, "$", tolerance, differences);
        return differences;
    }

    private static void Compare(JsonNode? snapshot, JsonNode? now, string path, SnapshotTolerance tolerance, List<string> differences)
    {
        switch (snapshot, now)
        {
            case (null, null):
                return;
            case (JsonObject expected, JsonObject actual):
                foreach (var name in expected.Select(entry => entry.Key).Union(actual.Select(entry => entry.Key)))
                {
                    if (!expected.ContainsKey(name) || !actual.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: {(expected.ContainsKey(name) ? "in the snapshot, not in this run" : "in this run, not in the snapshot")}");
                        continue;
                    }
                    Compare(expected[name], actual[name], $"{path}.{name}", tolerance, differences);
                }
                return;
            case (JsonArray expected, JsonArray actual):
                if (expected.Count != actual.Count)
                {
                    differences.Add($"{path}: {expected.Count} elements in the snapshot, {actual.Count} now");
                    return;
                }
                for (var i = 0; i < expected.Count; i++)
                {
                    Compare(expected[i], actual[i], $"{path}[{i}]", tolerance, differences);
                }
                return;
            case (JsonValue expected, JsonValue actual) when expected.GetValueKind() == JsonValueKind.Number && actual.GetValueKind() == JsonValueKind.Number:
                var (a, b) = (expected.GetValue<double>(), actual.GetValue<double>());
                if (!tolerance.Agree(a, b))
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: snapshot {a:R}, now {b:R} (relative difference {Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b)):E2}, tolerance {tolerance.Relative:E0} + {tolerance.Absolute:E0})"));
                }
                return;
            default:
                if (!JsonNode.DeepEquals(snapshot, now))
                {
                    differences.Add($"{path}: snapshot {snapshot?.ToJsonString() ?? "null"}, now {now?.ToJsonString() ?? "null"}");
                }
                return;
        }
    }
}
