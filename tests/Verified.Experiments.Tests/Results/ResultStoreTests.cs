using System.Diagnostics;
using Verified.Experiments.Results;
using Verified.Storage;
using Xunit;

namespace Verified.Experiments.Tests.Results;

public sealed class ResultStoreTests : IDisposable
{
    private sealed record Result(int Value, string Note);

    [Fact]
    public void A_result_is_read_back_only_for_its_own_id_and_key()
    {
        var warnings = new List<string>();
        var store = new ResultStore(Folder(), warnings.Add);
        store.Write("a", new { n = 1 }, new Result(7, "x"));

        Assert.True(store.TryRead<Result>("a", new { n = 1 }, out var read));
        Assert.Equal(new Result(7, "x"), read);
        Assert.False(store.TryRead<Result>("a", new { n = 2 }, out _));
        Assert.Contains(warnings, warning => warning.Contains("other options"));
        Assert.False(store.TryRead<Result>("b", new { n = 1 }, out _));
        File.WriteAllText(Path.Combine(store.Folder, "c.json"), File.ReadAllText(Path.Combine(store.Folder, "a.json")));
        Assert.False(store.TryRead<Result>("c", new { n = 1 }, out _));
        Assert.Contains(warnings, warning => warning.Contains("belongs to 'a'"));
    }

    private sealed record Measurement(double Value, double[] Values, double? Optional);

    /// <summary>NaN and ±∞ are written as null (strict JSON readers refuse the strings "NaN" and "Infinity"); files that hold those strings, as older ones do, still read.</summary>
    [Fact]
    public void Non_finite_numbers_are_written_as_null_and_older_named_literals_still_read()
    {
        var store = new ResultStore(Folder());
        store.Write("a", new { n = 1 }, new Measurement(double.NaN, [1.5, double.NegativeInfinity, double.PositiveInfinity], double.NaN));

        var text = File.ReadAllText(Path.Combine(store.Folder, "a.json"));
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        using (var document = System.Text.Json.JsonDocument.Parse(text))
        {
            var result = document.RootElement.GetProperty("result");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("value").ValueKind);
            Assert.Equal([1.5, null, null], result.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Null ? (double?)null : v.GetDouble()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("optional").ValueKind);
        }
        Assert.True(store.TryRead<Measurement>("a", new { n = 1 }, out var read));
        Assert.True(double.IsNaN(read.Value));
        Assert.Equal(1.5, read.Values[0]);
        Assert.True(double.IsNaN(read.Values[1]));
        Assert.Null(read.Optional);

        File.WriteAllText(Path.Combine(store.Folder, "old.json"),
            """{"id":"old","key":{"n":1},"version":"0.1.0","result":{"value":"NaN","values":[1,"-Infinity","Infinity"],"optional":"NaN"}}""");
        Assert.True(store.TryRead<Measurement>("old", new { n = 1 }, out var old));
        Assert.True(double.IsNaN(old.Value));
        Assert.Equal([1, double.NegativeInfinity, double.PositiveInfinity], old.Values);
        Assert.True(old.Optional is { } optional && double.IsNaN(optional));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"id":"a","key":{"n":1},"result":{}}""")]
    [InlineData("""{"id":"a","key":{"n":1},"result":null}""")]
    [InlineData("""{"id":"a","key":{"n":1},"result":[1]}""")]
    [InlineData("""{"id":"a","key":{"n":1},"result":{"value":1,"no""")]
    public void A_file_that_is_not_a_whole_result_counts_as_missing_with_a_warning(string text)
    {
        var warnings = new List<string>();
        var store = new ResultStore(Folder(), warnings.Add);
        File.WriteAllText(Path.Combine(store.Folder, "a.json"), text);

        Assert.False(store.TryRead<Result>("a", new { n = 1 }, out _));
        Assert.Single(warnings);
        Assert.Equal(new Result(3, "y"), store.GetOrCompute("a", new { n = 1 }, () => new Result(3, "y")));
        Assert.True(store.TryRead<Result>("a", new { n = 1 }, out _));
    }

    [Fact]
    public void A_run_claimed_by_a_live_process_is_left_to_it_and_a_stale_claim_is_taken_over()
    {
        var store = new ResultStore(Folder());
        var self = Process.GetCurrentProcess();
        File.WriteAllText(Path.Combine(store.Folder, "live.lock"), $"{Environment.MachineName} {self.Id} {DateTime.UtcNow.AddMinutes(1):O}");
        File.WriteAllText(Path.Combine(store.Folder, "stale.lock"), $"{Environment.MachineName} {int.MaxValue - 1} {DateTime.UtcNow:O}");
        var computed = new List<string>();

        var live = store.ComputeOnce("live", new { }, () => { computed.Add("live"); return new Result(1, ""); }, out var holder);
        var stale = store.ComputeOnce("stale", new { }, () => { computed.Add("stale"); return new Result(2, ""); }, out _);

        Assert.False(live);
        Assert.Contains($"process {self.Id}", holder);
        Assert.True(stale);
        Assert.Equal(["stale"], computed);
        Assert.False(File.Exists(Path.Combine(store.Folder, "stale.lock")));
        Assert.True(store.TryRead<Result>("stale", new { }, out _));
    }

    [Fact]
    public void A_claim_from_another_host_is_respected_while_its_heartbeat_runs_and_taken_over_once_it_stops()
    {
        var store = new ResultStore(Folder());
        var fresh = Path.Combine(store.Folder, "fresh.lock");
        var abandoned = Path.Combine(store.Folder, "abandoned.lock");
        File.WriteAllText(fresh, $"node-17 4242 {DateTime.UtcNow.AddHours(-3):O} slurm:991_3");
        File.WriteAllText(abandoned, $"node-17 4243 {DateTime.UtcNow.AddHours(-3):O} slurm:991_4");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - RunClaim.StaleAfter - TimeSpan.FromSeconds(1));
        var computed = new List<string>();

        var left = store.ComputeOnce("fresh", new { }, () => { computed.Add("fresh"); return new Result(1, ""); }, out var holder);
        var taken = store.ComputeOnce("abandoned", new { }, () => { computed.Add("abandoned"); return new Result(2, ""); }, out _);

        Assert.False(left);
        Assert.Equal("process 4242 on node-17 (slurm:991_3)", holder);
        Assert.True(taken);
        Assert.Equal(["abandoned"], computed);
        Assert.True(File.Exists(fresh));
        Assert.False(File.Exists(abandoned));
    }

    [Fact]
    public void A_held_claim_renews_its_heartbeat()
    {
        var folder = Folder();
        using var claim = RunClaim.TryTake(folder, "held", out _, heartbeat: TimeSpan.FromMilliseconds(100));
        var path = Path.Combine(folder, "held.lock");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - TimeSpan.FromHours(1));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TimeSpan.FromMinutes(1) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        Assert.NotNull(claim);
        Assert.True(DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < TimeSpan.FromMinutes(1), "the heartbeat did not renew the claim");
    }

    [Fact]
    public void An_atomic_write_replaces_a_planted_link_and_never_writes_through_it()
    {
        var folder = Folder();
        var victim = Path.Combine(Folder(), "victim.txt");
        File.WriteAllText(victim, "precious");
        var target = Path.Combine(folder, "out.json");
        File.CreateSymbolicLink(target, victim);

        AtomicFile.WriteAllText(target, "{}");

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(target).LinkTarget);
        Assert.Equal("{}", File.ReadAllText(target));
        Assert.Single(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_claim_being_written_is_respected_for_a_heartbeat_and_taken_over_after_it()
    {
        var store = new ResultStore(Folder());
        var writing = Path.Combine(store.Folder, "writing.lock");
        var abandoned = Path.Combine(store.Folder, "abandoned.lock");
        File.WriteAllText(writing, "");
        File.WriteAllText(abandoned, "");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - RunClaim.Heartbeat - TimeSpan.FromSeconds(1));

        var left = store.ComputeOnce("writing", new { }, () => new Result(1, ""), out var holder);
        var taken = store.ComputeOnce("abandoned", new { }, () => new Result(2, ""), out _);

        Assert.False(left);
        Assert.Equal("a process writing its claim", holder);
        Assert.True(taken);
        Assert.True(store.TryRead<Result>("abandoned", new { }, out _));
        Assert.Equal(["abandoned.json", "writing.lock"], Directory.GetFileSystemEntries(store.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("/dev/zero")]
    [InlineData("/nonexistent/verified-dangling")]
    public void A_link_planted_as_a_claim_is_removed_never_followed_and_the_run_computed(string target)
    {
        var store = new ResultStore(Folder());
        var pointedAt = target == "folder" ? Folder() : target;
        File.CreateSymbolicLink(Path.Combine(store.Folder, "a.lock"), pointedAt);

        Assert.True(store.ComputeOnce("a", new { }, () => new Result(1, ""), out _));

        Assert.True(store.TryRead<Result>("a", new { }, out _));
        Assert.Equal(["a.json"], Directory.GetFileSystemEntries(store.Folder).Select(Path.GetFileName));
        Assert.True(target != "folder" || Directory.Exists(pointedAt) && Directory.GetFileSystemEntries(pointedAt).Length == 0);
    }

    [Fact]
    public void A_folder_where_a_claim_or_a_result_belongs_is_refused_in_one_line()
    {
        var store = new ResultStore(Folder());
        Directory.CreateDirectory(Path.Combine(store.Folder, "claimed.lock"));
        Directory.CreateDirectory(Path.Combine(store.Folder, "stored.json"));

        var claim = Assert.Throws<InvalidDataException>(() => store.ComputeOnce("claimed", new { }, () => new Result(1, ""), out _));
        var result = Assert.Throws<InvalidDataException>(() => store.TryRead<Result>("stored", new { }, out _));

        Assert.Contains("claimed.lock' is a folder", claim.Message);
        Assert.Contains("stored.json' is a folder", result.Message);
        Assert.DoesNotContain("\n", claim.Message + result.Message);
    }

    [Fact]
    public void A_result_file_that_is_a_link_is_not_followed_and_is_computed_again_which_replaces_the_link()
    {
        var warnings = new List<string>();
        var store = new ResultStore(Folder(), warnings.Add);
        var elsewhere = new ResultStore(Folder());
        elsewhere.Write("a", new { n = 1 }, new Result(7, "elsewhere"));
        File.CreateSymbolicLink(Path.Combine(store.Folder, "a.json"), Path.Combine(elsewhere.Folder, "a.json"));
        File.CreateSymbolicLink(Path.Combine(store.Folder, "z.json"), "/dev/zero");

        var read = store.GetOrCompute("a", new { n = 1 }, () => new Result(3, "here"));
        var zero = store.GetOrCompute("z", new { n = 1 }, () => new Result(4, "here"));

        Assert.Equal(new Result(3, "here"), read);
        Assert.Equal(new Result(4, "here"), zero);
        Assert.Equal(2, warnings.Count(warning => warning.Contains("is a symbolic link, which is not followed")));
        Assert.Null(new FileInfo(Path.Combine(store.Folder, "a.json")).LinkTarget);
        Assert.True(elsewhere.TryRead<Result>("a", new { n = 1 }, out var untouched));
        Assert.Equal("elsewhere", untouched.Note);
    }

    [Fact]
    public void A_result_file_longer_than_the_limit_is_not_read_whole()
    {
        var warnings = new List<string>();
        var store = new ResultStore(Folder(), warnings.Add);
        using (var file = File.Create(Path.Combine(store.Folder, "a.json")))
        {
            file.SetLength(ResultStore.ResultLimit + 1L);
        }

        Assert.False(store.TryRead<Result>("a", new { n = 1 }, out _));
        Assert.Contains($"holds more than {ResultStore.ResultLimit} bytes", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("link")]
    [InlineData("dangling")]
    [InlineData("file")]
    public void A_store_folder_that_is_a_link_or_a_file_is_refused_and_nothing_is_written_through_it(string planted)
    {
        var outside = Folder();
        var folder = Path.Combine(Folder(), "runs");
        switch (planted)
        {
            case "link":
                Directory.CreateSymbolicLink(folder, outside);
                break;
            case "dangling":
                Directory.CreateSymbolicLink(folder, Path.Combine(outside, "absent"));
                break;
            default:
                File.WriteAllText(folder, "");
                break;
        }

        var refused = Assert.Throws<InvalidDataException>(() => new ResultStore(folder));

        Assert.Contains(planted == "file" ? "is a file" : "is a symbolic link", refused.Message);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public void Reading_all_results_leaves_out_a_file_whose_key_has_a_field_more_as_reading_one_does()
    {
        var warnings = new List<string>();
        var store = new ResultStore(Folder(), warnings.Add);
        store.Write("1", new Key(1), new Result(1, ""));
        store.Write("2", new Key(2), new Result(2, ""));
        var path = Path.Combine(store.Folder, "2.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"n\": 2", "\"n\": 2, \"extra\": 0"));

        var all = store.ReadAll<Key, Result>(key => key.N.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["1"], all.Select(entry => entry.Id));
        Assert.False(store.TryRead<Result>("2", new Key(2), out _));
        Assert.Contains(warnings, warning => warning.Contains("'" + Path.GetFileName(store.Folder) + "/2.json' does not belong here"));
    }

    /// <summary>
    /// Every envelope records the build and numerical version that computed it; a result of another numerical version is
    /// computed again unless the store keeps other versions, and one that records neither (written before they were
    /// recorded) is version 1's and reused by version 1.
    /// </summary>
    [Fact]
    public void A_result_of_another_numerical_version_is_computed_again_unless_kept()
    {
        var warnings = new List<string>();
        var folder = Folder();
        var version1 = new ResultStore(folder, warnings.Add, origin: new ResultOrigin("0.1.0-ci.1+abc.123456", 1));
        version1.Write("a", new { n = 1 }, new Result(7, "x"));
        File.WriteAllText(Path.Combine(folder, "old.json"), """{"id":"old","key":{"n":1},"version":"0.1.0","result":{"value":5,"note":"z"}}""");
        var version2 = new ResultStore(folder, warnings.Add, origin: new ResultOrigin("0.1.0-ci.2+def.654321", 2));
        var kept = new ResultStore(folder, warnings.Add, origin: version2.Origin, keepOtherNumericalVersions: true);

        using (var envelope = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "a.json"))))
        {
            Assert.Equal("0.1.0-ci.1+abc.123456", envelope.RootElement.GetProperty("build").GetString());
            Assert.Equal(1, envelope.RootElement.GetProperty("numericalVersion").GetInt32());
        }
        Assert.True(version1.TryRead("old", new { n = 1 }, typeof(Result), out _, out var unrecorded));
        Assert.Equal(ResultOrigin.Unrecorded, unrecorded);
        Assert.Equal(1, unrecorded.NumericalVersion);
        Assert.Empty(warnings);

        Assert.False(version2.TryRead<Result>("a", new { n = 1 }, out _));
        Assert.False(version2.TryRead<Result>("old", new { n = 1 }, out _));
        Assert.Contains(warnings, warning => warning.Contains("/a.json' holds numbers of numerical version 1, not this build's 2; it is computed again", StringComparison.Ordinal));
        Assert.True(kept.TryRead("a", new { n = 1 }, typeof(Result), out var read, out var origin));
        Assert.Equal((new Result(7, "x"), version1.Origin), ((Result)read, origin));
        Assert.Equal(new Result(9, "w"), version2.GetOrCompute("a", new { n = 1 }, () => new Result(9, "w")));
        Assert.True(version2.TryRead("a", new { n = 1 }, typeof(Result), out _, out var recomputed));
        Assert.Equal(version2.Origin, recomputed);
        Assert.DoesNotContain(version2.ReadAll<Key, Result>(_ => "old"), entry => entry.Id == "old");
        Assert.Contains(kept.ReadAll<Key, Result>(_ => "old"), entry => entry.Id == "old" && entry.Origin == ResultOrigin.Unrecorded);
    }

    private sealed record Key(int N);

    private readonly TemporaryFolders _folders = new();

    /// <summary>A fresh temporary folder, deleted when the test ends.</summary>
    private string Folder() => _folders.New();

    public void Dispose() => _folders.Dispose();
}
