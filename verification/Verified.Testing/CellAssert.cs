using System.Runtime.CompilerServices;
using Verified.Checks;
using Verified.IO;
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
    /// Matches the cell's <see cref="CellFingerprint"/> against the snapshot named after the cell in
    /// __snapshots__ beside the calling test (a missing snapshot fails under CI=true).
    /// </summary>
    public static void MatchesFingerprint(CellSpec spec, FingerprintOptions? options = null, [CallerFilePath] string caller = "") =>
        GuardedSnapshot.Match(CellFingerprint.Of(spec, options), "fingerprint-" + spec.Name, caller);
}
