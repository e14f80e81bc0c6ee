using System.Security.Cryptography;
using System.Text;
using Verified.Experiments.Results;
using Verified.Storage;
using Xunit;

namespace Verified.Experiments.Tests.Results;

/// <summary>
/// Ties <see cref="NumericalVersion.Current"/> to the numeric snapshots (every __snapshots__ folder under tests/ but the
/// generator's emitted source, which is code, not numbers): the manifest below holds the digest of each at the version it
/// was recorded at. A snapshot that changes while the version stays fails here, saying to move the version, so that the
/// figure units recorded by the old numbers are computed again instead of being drawn beside the new ones (README,
/// "Numerical version").
/// </summary>
public sealed class NumericalVersionTests
{
    /// <summary>The numerical version the digests below were recorded at.</summary>
    private const int ManifestVersion = 1;

    /// <summary>SHA-256 (first 16 hex digits) of each numeric snapshot, without a byte-order mark and with LF line ends.</summary>
    private static readonly Dictionary<string, string> Manifest = new(StringComparer.Ordinal)
    {
        ["tests/Verified.Precision.Tests/Condition/__snapshots__/condition-points.snap"] = "be51dd78a524d14d",
        ["tests/Verified.Runtime.Tests/Regression/__snapshots__/flossing-history-lstm.snap"] = "ab24434bf1528218",
        ["tests/Verified.Runtime.Tests/Regression/__snapshots__/flossing-history-vanilla-tanh.snap"] = "1afa67504c2eb52f",
        ["tests/Verified.Runtime.Tests/Regression/__snapshots__/spectrum-gru.snap"] = "c7fc8389a0868346",
        ["tests/Verified.Runtime.Tests/Regression/__snapshots__/spectrum-lstm.snap"] = "29a4b24888c343f9",
        ["tests/Verified.Runtime.Tests/Regression/__snapshots__/spectrum-vanilla-tanh.snap"] = "1dcdbabb8475a271",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-gru.snap"] = "dca0258d39ecb9a7",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-linear.snap"] = "2f75171f531d4731",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-lstm.snap"] = "c77313974bcaa140",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-minimal-gated.snap"] = "dcf9fff081e44c21",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-minimal-gated-72542233.snap"] = "b5094e6203a0a79b",
        ["tests/Verified.Testing.Tests/__snapshots__/flossing-minimal-gated-36a02190.snap"] = "08db644346ecf08f",
        ["tests/Verified.Testing.Tests/__snapshots__/spectrum-minimal-gated-d4136eab.snap"] = "9bf2dd1ad932a1f9",
        ["tests/Verified.Testing.Tests/__snapshots__/spectrum-minimal-gated-f00ac63c.snap"] = "44a9ca711e81fec6",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-rate.snap"] = "1effd9e16e40d5db",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-torch-gru.snap"] = "0b8e51062782c30a",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-torch-lstm.snap"] = "60f88674ca1bc889",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-torch-rnn.snap"] = "5e15be2b56215cae",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-vanilla-relu.snap"] = "9e3b76a45d6a807f",
        ["tests/Verified.Testing.Tests/__snapshots__/fingerprint-vanilla-tanh.snap"] = "3322421bce37186f",
    };

    [Fact]
    public void The_numerical_version_moves_with_the_numeric_snapshots()
    {
        var problems = Problems(NumericalVersion.Current, ManifestVersion, Manifest, Digests(Repository.Root));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_changed_snapshot_without_a_new_version_is_reported_with_what_to_do()
    {
        var digests = new Dictionary<string, string>(Manifest) { [Manifest.Keys.First()] = "0123456789abcdef" };
        digests.Remove(Manifest.Keys.Last());
        digests["tests/Verified.Runtime.Tests/Regression/__snapshots__/new.snap"] = "fedcba9876543210";

        var problems = Problems(1, 1, Manifest, digests);

        Assert.Contains(problems, problem => problem.StartsWith($"{Manifest.Keys.First()} changed (digest 0123456789abcdef,", StringComparison.Ordinal)
            && problem.Contains("set NumericalVersion.Current", StringComparison.Ordinal) && problem.Contains("to 2", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith($"{Manifest.Keys.Last()} is gone", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("tests/Verified.Runtime.Tests/Regression/__snapshots__/new.snap is a new numeric snapshot", StringComparison.Ordinal));
        Assert.Contains(Problems(2, 1, Manifest, Manifest), problem => problem.StartsWith("NumericalVersion.Current is 2, but the manifest", StringComparison.Ordinal));
    }

    /// <summary>What is wrong with the manifest (recorded at <paramref name="manifestVersion"/>) against the snapshots' <paramref name="digests"/> and the code's <paramref name="current"/> version.</summary>
    private static List<string> Problems(int current, int manifestVersion, IReadOnlyDictionary<string, string> manifest, IReadOnlyDictionary<string, string> digests)
    {
        const string here = "tests/Verified.Experiments.Tests/Results/NumericalVersionTests.cs";
        const string constant = "NumericalVersion.Current (runtime/Verified.Experiments/Results/NumericalVersion.cs)";
        var problems = new List<string>();
        if (current != manifestVersion)
        {
            problems.Add($"NumericalVersion.Current is {current}, but the manifest in {here} was recorded at {manifestVersion}: set ManifestVersion to {current} and record the digests of the snapshots that changed");
        }
        foreach (var (path, digest) in digests.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!manifest.TryGetValue(path, out var recorded))
            {
                problems.Add($"{path} is a new numeric snapshot: add it to the manifest in {here} with digest {digest} (a new snapshot moves no number, so the version stays)");
            }
            else if (recorded != digest && current == manifestVersion)
            {
                problems.Add($"{path} changed (digest {digest}, recorded {recorded} at numerical version {manifestVersion}): the numbers have moved, so set {constant} to {current + 1}, "
                    + $"then ManifestVersion to {current + 1} and this digest in {here}; figure units recorded at version {current} are then computed again (or kept with --keep-other-numerical-versions)");
            }
        }
        problems.AddRange(manifest.Keys.Where(path => !digests.ContainsKey(path)).Select(path => $"{path} is gone: remove it from the manifest in {here}"));
        return problems;
    }

    /// <summary>The digest of every numeric snapshot under tests/, by its path from the repository's root.</summary>
    private static Dictionary<string, string> Digests(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.snap", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => path.Contains("/__snapshots__/", StringComparison.Ordinal) && !path.StartsWith("tests/Verified.Generators.Tests/", StringComparison.Ordinal)
                && !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .ToDictionary(path => path, path => Digest(File.ReadAllText(Path.Combine(root, path))), StringComparer.Ordinal);

    /// <summary>The digest of a snapshot's text as git holds it on every machine: no byte-order mark, LF line ends.</summary>
    private static string Digest(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal))), 0, 8);
}
