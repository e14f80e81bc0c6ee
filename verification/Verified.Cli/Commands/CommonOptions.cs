using System.CommandLine;

namespace Verified.Cli.Commands;

/// <summary>The options every command takes (DESIGN.md's command contract).</summary>
public sealed class CommonOptions
{
    public Option<string?> Cell { get; } = new("--cell") { Description = "A built-in cell: " + string.Join(", ", BuiltInCells.All.Select(spec => spec.Name)) };
    public Option<FileInfo?> CellFile { get; } = new("--cell-file") { Description = "A C# file declaring a [RecurrentCell], compiled with the Verified generator" };
    public Option<int> N { get; }
    public Option<double> Gain { get; } = new Option<double>("--g") { Description = "Gain g of the recurrent weights N(0, g²/N)", DefaultValueFactory = _ => 1.0 }.FiniteNonNegative();
    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the run's random generator", DefaultValueFactory = _ => 1UL };
    public Option<string> Precision { get; } = new("--precision") { Description = "float or double", DefaultValueFactory = _ => "double" };
    public Option<FileInfo?> Json { get; } = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this file (its folder must exist)" }.WritableFile();

    public CommonOptions(int defaultN)
    {
        N = new Option<int>("--n") { Description = "Hidden size N", DefaultValueFactory = _ => defaultN }.Positive();
        Precision.AcceptOnlyFromAmong("float", "double");
    }

    /// <summary>Adds the options to a command; one that writes no JSON of its own (sweep writes its folder) leaves out --json.</summary>
    public void AddTo(Command command, bool json = true)
    {
        foreach (var option in new Option[] { Cell, CellFile, N, Gain, Seed, Precision }.Concat(json ? [Json] : []))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>--tons, the steps between re-orthonormalisations, shared by the commands that run Algorithm 2.</summary>
    public static Option<int> Tons() => new Option<int>("--tons") { Description = "Steps between re-orthonormalisations t_ONS", DefaultValueFactory = _ => 1 }.Positive();

    /// <summary>--input: the input stream x_s of a run (none, N(0, 1) or Bernoulli {0, 1}).</summary>
    public static Option<string> Input(string fallback)
    {
        var option = new Option<string>("--input") { Description = "none, gaussian (N(0, 1)), bernoulli ({0, 1}) or uniform (U(0, 1))", DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong("none", "gaussian", "bernoulli", "uniform");
        return option;
    }

    public static Lyapunov.InputKind InputKind(ParseResult result, Option<string> option) =>
        Enum.Parse<Lyapunov.InputKind>(result.GetValue(option)!, ignoreCase: true);

    /// <summary>The number of exponents k: 1 ≤ k ≤ the cell's state size.</summary>
    public static int ExponentCount(ParseResult result, Option<int> option, CellLayout layout)
    {
        var k = result.GetValue(option);
        return k <= layout.StateSize ? k : throw new UsageException($"{option.Name} must be at most the state size {layout.StateSize}, not {k}");
    }

    /// <summary>A list option's values when it was given, null when it was left out (meaning the default); given with no values, it is refused.</summary>
    public static T[]? GivenList<T>(ParseResult result, Option option)
    {
        if (result.GetResult(option) is not { Implicit: false })
        {
            return null;
        }
        return result.GetValue<T[]>(option.Name) is { Length: > 0 } given ? given : throw new UsageException($"{option.Name} was given no values; leave it out for the default");
    }

}
