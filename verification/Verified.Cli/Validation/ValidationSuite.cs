using System.Diagnostics;
using Verified.Cli.Output;
using Verified.Experiments.Results;

namespace Verified.Cli.Validation;

/// <summary>
/// `verified validate`: every part asked for in turn (skipping those whose outcome is already in the
/// folder), then report.md and report.json over every part recorded in the folder: those just run,
/// and those an earlier run recorded there.
/// </summary>
public static class ValidationSuite
{
    public static IReadOnlyList<ValidationPart> Parts() =>
        [new DerivativesPart(), new SpectrumPart(), new FlossingPart(), new ConditionPart(), new TrainingPart()];

    public static SuiteRun Run(string folder, IReadOnlyList<ValidationPart> parts, TextWriter output, TextWriter error)
    {
        var outcomes = new Verified.Experiments.Results.ResultStore(Path.Combine(folder, "parts"), warning => error.WriteLine("warning: " + warning), origin: CliBuild.Origin,
            json: Output.Files.UnitJson.Context.Options);
        var missing = parts.Where(part => !outcomes.Has<PartOutcome>(part.Name, Key(part))).ToList();
        if (missing.Count < parts.Count)
        {
            output.WriteLine($"resuming: {string.Join(", ", parts.Except(missing).Select(part => part.Name))} already done in {folder}");
        }
        new ProgressBoard(output).Run([.. missing.Select(part => new ProgressJob(part.Title, part.ProgressTicks, tick =>
            outcomes.GetOrCompute(part.Name, Key(part), () =>
            {
                var clock = Stopwatch.StartNew();
                var checks = part.Run(folder, tick);
                // Every part names its files after itself.
                var files = Directory.GetFiles(folder, part.Name + "-*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
                return new PartOutcome(part.Name, part.Title, checks, files, clock.Elapsed.TotalSeconds);
            })))]);
        var done = parts.Select(part => Recorded(outcomes, part) ?? throw new InvalidDataException($"part {part.Name} vanished")).ToList();
        // The report is the folder's: every part of the suite recorded in it, so that `--parts` adds to the report and removes nothing.
        var recorded = Parts().Select(part => done.Find(outcome => outcome.Part == part.Name) ?? Recorded(outcomes, part)).OfType<PartOutcome>().ToList();
        ValidationReport.Write(folder, recorded, [.. Parts().Select(part => part.Name).Where(name => !recorded.Exists(outcome => outcome.Part == name))]);
        return new SuiteRun(done, [.. recorded.Select(outcome => outcome.Part).Except(parts.Select(part => part.Name))]);
    }

    private static PartOutcome? Recorded(Verified.Experiments.Results.ResultStore outcomes, ValidationPart part) =>
        outcomes.TryRead<PartOutcome>(part.Name, Key(part), out var outcome) ? outcome : null;

    /// <summary>
    /// A part's outcome depends on the part and on the build that ran it: a part takes seconds, so a folder validated by
    /// another build (after a pull or a change of code) is validated again rather than reported as today's.
    /// </summary>
    public static PartKey Key(ValidationPart part) => new(part.Name, Build);

    /// <summary>The build of the code the parts run (<see cref="CliBuild"/>).</summary>
    public static string Build => CliBuild.Origin.Build;
}

/// <summary>The outcomes of the parts asked for, and the names of the parts an earlier run recorded that the report holds too.</summary>
public sealed record SuiteRun(IReadOnlyList<PartOutcome> Outcomes, IReadOnlyList<string> Earlier);

/// <summary>The key of a validation part's outcome: the part and the build that ran it.</summary>
public sealed record PartKey(string Part, string Build);
