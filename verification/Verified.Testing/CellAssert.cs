using System.Runtime.CompilerServices;
using Verified.Checks;
using Verified.Storage;
using Xunit;

namespace Verified.Testing;

/// <summary>One-call checks of a user's cell from an xunit test.</summary>
public static class CellAssert
{
    /// <summary>
    /// Runs every derivative check of the cell's generated kernels (finite differences, dot-product
    /// tests, batching, tape, float against double) and fails listing each check that does not hold.
    /// </summary>
    /// <returns>Every check's result.</returns>
    public static IReadOnlyList<CheckResult> DerivativesHold(CellSpec spec, DerivativeCheckOptions? options = null)
    {
        var results = new DerivativeChecks(spec, options ?? new DerivativeCheckOptions()).Run();
        var failed = results.Where(result => !result.Passed).ToList();
        if (failed.Count > 0)
        {
            Assert.Fail($"{spec.Name}: {failed.Count} derivative checks failed: " +
                string.Join("; ", failed.Select(result => $"{result.Name} {NumberText.Scientific(result.MaxRelError)} > {NumberText.Scientific(result.Tolerance, 0)}")));
        }
        return results;
    }

    /// <summary>
    /// Matches the cell's <see cref="CellFingerprint"/> at <paramref name="options"/> against its snapshot in __snapshots__
    /// beside the calling test (a missing snapshot fails under CI=true): "fingerprint-CELL" at the default options,
    /// "fingerprint-CELL-DIGEST" (<see cref="SnapshotName"/>) at others, so that fingerprints of one cell at other options
    /// never share a snapshot, or <paramref name="name"/> when given.
    /// </summary>
    /// <returns>The fingerprint computed now.</returns>
    public static CellFingerprint MatchesFingerprint(CellSpec spec, FingerprintOptions? options = null, string? name = null, [CallerFilePath] string caller = "")
    {
        options ??= new FingerprintOptions();
        var fingerprint = CellFingerprint.Of(spec, options);
        GuardedSnapshot.Match(fingerprint, name ?? FingerprintName(spec, options), caller);
        return fingerprint;
    }

    /// <summary>The snapshot name of <paramref name="spec"/>'s fingerprint at <paramref name="options"/> (see <see cref="MatchesFingerprint"/>).</summary>
    public static string FingerprintName(CellSpec spec, FingerprintOptions options) =>
        options == new FingerprintOptions() ? "fingerprint-" + spec.Name : SnapshotName.For("fingerprint", spec.Name, options);
}
