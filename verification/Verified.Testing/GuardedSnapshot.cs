using System.Runtime.CompilerServices;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace Verified.Testing;

/// <summary>
/// Snapshooter writes a missing snapshot and passes, also in CI. Under CI=true a missing snapshot
/// fails here instead, so that a snapshot is only ever accepted by a developer who looked at it.
/// Snapshots live in __snapshots__ beside the calling test file.
/// </summary>
public static class GuardedSnapshot
{
    /// <summary>Matches <paramref name="value"/> against the snapshot <paramref name="name"/>.snap in __snapshots__ beside <paramref name="caller"/> (filled in by the compiler).</summary>
    public static void Match<T>(T value, string name, [CallerFilePath] string caller = "")
    {
        var testFolder = Path.GetDirectoryName(caller)!;
        var folder = Path.Combine(testFolder, "__snapshots__");
        var file = name + ".snap";
        if (Environment.GetEnvironmentVariable("CI") == "true" && !File.Exists(Path.Combine(folder, file)))
        {
            Assert.Fail($"snapshot {file} is missing in {folder}; run the tests locally (without CI=true), review the new file and commit it");
        }
        Snapshot.Match(value, new SnapshotFullName(file, testFolder));
    }
}
