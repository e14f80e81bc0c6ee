using Verified.Checks;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;

namespace Verified.Cli.Validation;

/// <summary>Every generated kernel of every built-in cell: finite differences, dot-product tests, batching, tape, float against double.</summary>
public sealed class DerivativesPart : ValidationPart
{
    public override string Name => "derivatives";
    public override string Title => "Generated derivatives of every built-in cell";
    public override int ProgressTicks => BuiltInCells.All.Count;

    public override IReadOnlyList<ValidationCheck> Run(string folder, Action tick)
    {
        var checks = new List<ValidationCheck>();
        foreach (var spec in BuiltInCells.All)
        {
            checks.AddRange(new DerivativeChecks(spec, new DerivativeCheckOptions()).Run()
                .Select(result => ValidationCheck.From(Name, result with { Name = $"{spec.Name}: {result.Name}" })));
            tick();
        }
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "derivatives-data.json")), new DerivativesData(checks));
        return checks;
    }
}
