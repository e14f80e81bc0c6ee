using System.Diagnostics;
using Verified.Cli.Output;

namespace Verified.Cli.Validation;

/// <summary>
/// `verified validate`: every part in turn (skipping those whose outcome is already in the folder),
/// then report.md and report.json over all of them.
/// </summary>
public static class ValidationSuite
{
    public static IReadOnlyList<ValidationPart> Parts() =>
        [new DerivativesPart(), new SpectrumPart(), new FlossingPart(), new ConditionPart(), new TrainingPart()];

    public static IReadOnlyList<PartOutcome> Run(string folder, IReadOnlyList<ValidationPart> parts, TextWriter output, TextWriter error)
    {
        var outcomes = new Verified.IO.ResultStore(Path.Combine(folder, "parts"), warning => error.WriteLine("warning: " + warning));
        var missing = parts.Where(part => !outcomes.Has<PartOutcome>(part.Name, Key(part))).ToList();
        if (missing.Count < parts.Count)
        {
            output.WriteLine($"resuming: {string.Join(", ", parts.Except(missing).Select(part => part.Name))} already done in {folder}");
        }
        new ProgressBoard(output).Run([.. missing.Select(part => new ProgressJob(part.Title, part.Units, tick =>
            outcomes.GetOrCompute(part.Name, Key(part), () =>
            {
                var clock = Stopwatch.StartNew();
                var checks = part.Run(folder, tick);
                // Every part names its files after itself.
                var files = Directory.GetFiles(folder, part.Name + "-*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
                return new PartOutcome(part.Name, part.Title, checks, files, clock.Elapsed.TotalSeconds);
            })))]);
        var all = parts.Select(part => outcomes.TryRead<PartOutcome>(part.Name, Key(part), out var outcome) ? outcome : throw new InvalidDataException($"part {part.Name} vanished")).ToList();
        ValidationReport.Write(folder, all);
        return all;
    }

    /// <summary>A part's outcome depends on nothing but the part.</summary>
    private static object Key(ValidationPart part) => new { part = part.Name };
}
