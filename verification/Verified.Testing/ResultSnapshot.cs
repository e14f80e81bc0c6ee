using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verified.Checks;
using Verified.Flossing;
using Verified.Lyapunov;
using Verified.Storage;
using Xunit;

namespace Verified.Testing;

/// <summary>
/// Snapshot regression tests of Verified results (README, "Snapshot regression tests for your cell"): a result at chosen
/// options is kept as JSON in __snapshots__/NAME.snap beside the calling test, with the options that produced it, and a later
/// run must give the same numbers within a <see cref="SnapshotTolerance"/>. A snapshot is named by its options
/// (<see cref="SnapshotName"/>) unless the caller names it. A missing snapshot is written and the test passes, except under
/// CI=true, where it fails, so that only a developer who looked at a snapshot accepts it; a mismatch fails, listing the
/// numbers that moved, and writes what the run gave to __snapshots__/__mismatch__/NAME.snap to compare (delete the snapshot
/// to record it again).
/// </summary>
public static class ResultSnapshot
{
    /// <summary>
    /// The Lyapunov spectrum (<see cref="LyapunovSpectrum.Compute"/>) of <paramref name="spec"/>'s cell at
    /// <paramref name="network"/> and <paramref name="options"/>, matched against its snapshot: the exponents, the order
    /// they came in, the running estimates, the sums S_i and the time average of log|det D|.
    /// </summary>
    /// <returns>The spectrum computed now.</returns>
    public static SpectrumResult MatchesSpectrum(CellSpec spec, SnapshotNetwork network, SpectrumOptions options,
        SnapshotTolerance? tolerance = null, string? name = null, [CallerFilePath] string caller = "")
    {
        var (layout, theta) = network.Create(spec);
        var spectrum = LyapunovSpectrum.Compute(layout, theta, options);
        var recorded = new { cell = spec.Name, network, options };
        Match(new
        {
            spectrum.Exponents, spectrum.QrOrder, spectrum.RunningSteps, spectrum.Running, spectrum.SumExponents, spectrum.MeanLogAbsDet,
            spectrum.LogRSums, spectrum.AccumulatedSteps, spectrum.Unit,
        }, recorded, name ?? SnapshotName.For("spectrum", spec.Name, recorded), tolerance, caller);
        return spectrum;
    }

    /// <summary>
    /// The flossing history (<see cref="Flosser.Run{T}"/> in double precision) of <paramref name="spec"/>'s cell at
    /// <paramref name="network"/> and <paramref name="options"/>, matched against its snapshot: each epoch's loss, exponents
    /// and QR order (not its wall time), and θ's norm after flossing.
    /// </summary>
    /// <returns>The history computed now.</returns>
    public static IReadOnlyList<FlossEpoch> MatchesFlossingHistory(CellSpec spec, SnapshotNetwork network, FlossOptions options,
        SnapshotTolerance? tolerance = null, string? name = null, [CallerFilePath] string caller = "")
    {
        var (layout, theta) = network.Create(spec);
        var history = Flosser.Run<double>(layout, theta, options);
        var recorded = new { cell = spec.Name, network, options };
        Match(new
        {
            epochs = history.Select(epoch => new { epoch.Epoch, epoch.Loss, epoch.Exponents, epoch.QrOrder }),
            thetaNormAfter = Math.Sqrt(theta.Sum(value => value * value)),
        }, recorded, name ?? SnapshotName.For("flossing", spec.Name, recorded), tolerance, caller);
        return history;
    }

    /// <summary>
    /// Any result (a record, an anonymous object, an array of numbers) matched against the snapshot <paramref name="name"/>,
    /// which also records <paramref name="options"/>: the settings that produced it, compared exactly.
    /// Leave out what varies from run to run (wall times).
    /// </summary>
    public static void Match<T>(T result, object options, string name, SnapshotTolerance? tolerance = null, [CallerFilePath] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        var folder = Path.Combine(Path.GetDirectoryName(caller)!, "__snapshots__");
        var file = Path.Combine(folder, name + ".snap");
        var now = new JsonObject
        {
            ["options"] = JsonSerializer.SerializeToNode(options, options.GetType(), ResultJson.Options),
            ["result"] = JsonSerializer.SerializeToNode(result, ResultJson.Options),
        };
        if (!File.Exists(file))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"snapshot {name}.snap is missing in {folder}; run the tests locally (without CI=true), review the new file and commit it");
            }
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllText(file, now.ToJsonString(ResultJson.Options) + "\n");
            return;
        }
        var differences = SnapshotComparison.Differences(JsonNode.Parse(File.ReadAllText(file)), now, tolerance ?? SnapshotTolerance.Default);
        if (differences.Count > 0)
        {
            var mismatch = Path.Combine(folder, "__mismatch__", name + ".snap");
            Directory.CreateDirectory(Path.GetDirectoryName(mismatch)!);
            AtomicFile.WriteAllText(mismatch, now.ToJsonString(ResultJson.Options) + "\n");
            Assert.Fail($"{name}: {differences.Count} values differ from the snapshot {file} (this run's values are in {mismatch}):\n"
                + string.Join("\n", differences.Take(10)) + (differences.Count > 10 ? $"\n… and {differences.Count - 10} more" : ""));
        }
    }
}
