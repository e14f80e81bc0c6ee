namespace Verified.Cli.Commands;

/// <summary>--shard i/n: this process runs every n-th run from the i-th (0-based), as a job array index would choose.</summary>
public static class ShardOption
{
    public static (int Index, int Count) Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var index) && int.TryParse(parts[1], out var count) && count >= 1 && index >= 0 && index < count
            ? (index, count)
            : throw new UsageException($"--shard must be i/n with 0 ≤ i < n, not '{text}'");
    }
}
