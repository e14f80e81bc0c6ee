using System.Runtime.Intrinsics;
using Verified.Lyapunov;
using Xunit;

namespace Verified.Testing.Tests;

/// <summary>
/// The snapshot API itself: names that follow the options, a mismatch that fails naming the numbers that moved, a
/// tolerance that lets rounding through, and the snapshots of <see cref="MinimalGatedSnapshotTests"/> matching on the
/// 256-bit vector path as well as on AVX-512.
/// </summary>
public sealed class ResultSnapshotTests
{
    [Fact]
    public void Fingerprints_at_other_options_have_names_of_their_own()
    {
        var spec = MinimalGatedCell.Spec;

        Assert.Equal("fingerprint-minimal-gated", CellAssert.FingerprintName(spec, new FingerprintOptions()));
        Assert.NotEqual(CellAssert.FingerprintName(spec, new FingerprintOptions()), CellAssert.FingerprintName(spec, new FingerprintOptions { N = 12, K = 6 }));
        Assert.NotEqual(CellAssert.FingerprintName(spec, new FingerprintOptions { Seed = 2 }), CellAssert.FingerprintName(spec, new FingerprintOptions { Seed = 3 }));
        Assert.Equal(CellAssert.FingerprintName(spec, new FingerprintOptions { Seed = 2 }), CellAssert.FingerprintName(spec, new FingerprintOptions { Seed = 2 }));
    }

    [Fact]
    public void Snapshot_names_follow_the_options()
    {
        var network = new SnapshotNetwork();
        string Name(SpectrumOptions options) => SnapshotName.For("spectrum", "minimal-gated", new { cell = "minimal-gated", network, options });

        Assert.NotEqual(Name(new SpectrumOptions { Steps = 1000 }), Name(new SpectrumOptions { Steps = 1001 }));
        Assert.Equal(Name(new SpectrumOptions { Steps = 1000 }), Name(new SpectrumOptions { Steps = 1000 }));
        Assert.StartsWith("spectrum-minimal-gated-", Name(new SpectrumOptions()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_that_moves_beyond_the_tolerance_fails_naming_it_and_one_within_passes()
    {
        using var folder = new TemporaryFolder();
        var caller = folder.File("MyTests.cs");
        var options = new { steps = 10 };
        Directory.CreateDirectory(folder.File("__snapshots__"));
        File.WriteAllText(folder.File("__snapshots__/example.snap"), """{"options":{"steps":10},"result":{"exponents":[-0.5,-1.25]}}""");
        ResultSnapshot.Match(new { exponents = new[] { -0.5, -1.25 } }, options, "example", caller: caller);

        ResultSnapshot.Match(new { exponents = new[] { -0.5 * (1 + 1e-12), -1.25 } }, options, "example", caller: caller);
        var moved = Assert.ThrowsAny<Exception>(() => ResultSnapshot.Match(new { exponents = new[] { -0.5, -1.25 * (1 + 1e-6) } }, options, "example", caller: caller));
        var otherOptions = Assert.ThrowsAny<Exception>(() => ResultSnapshot.Match(new { exponents = new[] { -0.5, -1.25 } }, new { steps = 11 }, "example", caller: caller));

        Assert.Contains("$.result.exponents[1]: snapshot -1.25, now -1.25000125", moved.Message);
        Assert.True(File.Exists(folder.File("__snapshots__/__mismatch__/example.snap")));
        Assert.Contains("$.options.steps", otherOptions.Message);
    }

    /// <summary>Under DOTNET_EnableAVX512=0 the kernels take the 256-bit path, whose sums round otherwise: the snapshots still match.</summary>
    [Fact]
    public async Task Snapshots_match_on_the_256_bit_vector_path_too()
    {
        var (exitCode, output, passed) = await ChildTestRun.RunAsync(typeof(ResultSnapshotTests).Assembly.Location, "Snapshots", ("DOTNET_EnableAVX512", "0"), ("CI", "true"));

        Assert.True(exitCode == 0, output);
        Assert.True(passed >= 7, output);
    }

    [Fact]
    [Trait("Category", "Snapshots")]
    public void The_vector_path_is_the_one_the_environment_asks_for() =>
        Assert.False(Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0" && Vector512.IsHardwareAccelerated);

    [Fact]
    public void Readme_shows_the_snapshot_test_class_verbatim()
    {
        var readme = File.ReadAllText(Repository.File("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var source = File.ReadAllText(Repository.File("tests/Verified.Testing.Tests/MinimalGatedSnapshotTests.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Contains("## Snapshot regression tests for your cell", readme);
        Assert.Contains("```csharp\n" + source + "```", readme);
    }
}
