using System.CommandLine;

namespace Verified.Cli.Commands;

/// <summary>
/// The options that several commands share (docs/design.md's command contract). A command offers only
/// those it reads: every command takes a cell and its size N; <see cref="AddTo"/> adds the gain and
/// seed of the initial parameters, the input stream and --json where the command honours them, so
/// that an option a command would ignore is an unknown option there (exit 2). Options that depend on
/// the cell are checked against it in one place once it is known (<see cref="CellOptionRules"/>).
/// </summary>
public sealed class CommonOptions
{
    /// <summary>N of every command but `check`: the paper's networks (N = 80).</summary>
    public const int DefaultN = 80;

    /// <summary>The groups of shared options a command takes besides --cell, --cell-file, --all-errors and --n.</summary>
    [Flags]
    public enum Groups { None = 0, GainAndSeed = 1, Input = 2, Json = 4 }

    public Option<string?> Cell { get; }
    public Option<FileInfo?> CellFile { get; }
    public Option<int> N { get; }

    /// <summary>--all-errors: a cell file that does not compile is refused with every error, not the first <see cref="CellFiles.CellFileErrors.DefaultLimit"/>.</summary>
    public Option<bool> AllErrors { get; } = new("--all-errors") { Description = $"List every error of a --cell-file that does not compile (default: the first {CellFiles.CellFileErrors.DefaultLimit} and how many more)" };
    public Option<double> Gain { get; } = new Option<double>("--g") { Description = "Gain g of the recurrent weights N(0, g²/N) (U(−g/√N, g/√N) for the torch cells)", DefaultValueFactory = _ => 1.0 }.FiniteNonNegative();
    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the run's random generator", DefaultValueFactory = _ => 1UL };
    public Option<FileInfo?> Json { get; } = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this file (its folder must exist; default: no JSON)" }.WritableFile();

    /// <summary>--input: the input stream x_s of a run; none by default, since a cell need not have an input.</summary>
    public Option<string> Input { get; } = new("--input") { Description = "Input x_s: none, gaussian (N(0, 1)), bernoulli ({0, 1}) or uniform (U(0, 1)); a cell without an input takes only none", DefaultValueFactory = _ => "none" };

    /// <param name="nDescription">What --n says, when the command's default differs from <see cref="DefaultN"/> and must say why.</param>
    /// <param name="allCellsByDefault">Whether the command runs on every built-in cell when neither --cell nor --cell-file is given (else one of them is required).</param>
    public CommonOptions(int defaultN = DefaultN, string nDescription = "Hidden size N (every dimension of the cell but its input size I)", bool allCellsByDefault = false)
    {
        AllCellsByDefault = allCellsByDefault;
        var names = string.Join(", ", BuiltInCells.All.Select(spec => spec.Name));
        Cell = new("--cell") { Description = $"A built-in cell: {names}" + (allCellsByDefault ? " (default: every built-in cell)" : " (this or --cell-file is required)") };
        CellFile = new("--cell-file")
        {
            Description = "A C# file declaring a [RecurrentCell], compiled with the Verified generator" +
                (allCellsByDefault ? " (default: the built-in cells)" : " (this or --cell is required)"),
        };
        N = new Option<int>("--n") { Description = nDescription, DefaultValueFactory = _ => defaultN }.Positive();
        Input.OneOf("none", "gaussian", "bernoulli", "uniform");
    }

    /// <summary>Whether the command runs on every built-in cell when no cell is chosen.</summary>
    public bool AllCellsByDefault { get; }

    /// <summary>The input-choosing options the command offers (--input, and --floss-input of training), checked against the cell's input.</summary>
    public List<Option> InputOptions { get; } = [];

    /// <summary>--init of training, when the command offers it: checked against the cell's recurrent Gaussian matrices.</summary>
    public Option? RecurrentInit { get; set; }

    /// <summary>Adds --cell, --cell-file, --all-errors, --n and the options of <paramref name="groups"/> to a command.</summary>
    public void AddTo(Command command, Groups groups)
    {
        foreach (var option in new Option[] { Cell, CellFile, AllErrors, N })
        {
            command.Options.Add(option);
        }
        if (groups.HasFlag(Groups.GainAndSeed))
        {
            command.Options.Add(Gain);
            command.Options.Add(Seed);
        }
        if (groups.HasFlag(Groups.Input))
        {
            command.Options.Add(Input);
            InputOptions.Add(Input);
        }
        if (groups.HasFlag(Groups.Json))
        {
            command.Options.Add(Json);
        }
    }

    /// <summary>--tons, the steps between re-orthonormalisations, shared by the commands that run Algorithm 2; <paramref name="byDefault"/> is the library's default.</summary>
    public static Option<int> OrthonormaliseEvery(int byDefault) => new Option<int>("--tons") { Description = "Steps between re-orthonormalisations t_ONS", DefaultValueFactory = _ => byDefault }.Positive();

    /// <summary>
    /// --clip, the bound on each parameter's gradient norm, defined once for every command that
    /// takes it: 0 means no clipping everywhere, and only the default (<paramref name="bound"/>, null
    /// for none) differs between commands. Read it with <see cref="ClipBound"/>.
    /// </summary>
    public static Option<double> Clip(double? bound, string during) => new Option<double>("--clip")
    {
        Description = $"Bound on each parameter's gradient norm {during} (0: no clipping)",
        HelpName = "bound",
        DefaultValueFactory = _ => bound ?? 0,
    }.FiniteNonNegative();

    /// <summary>The bound of <see cref="Clip"/>: null (no clipping) for 0.</summary>
    public static double? ClipBound(ParseResult result, Option<double> clip) => result.GetValue(clip) is > 0 and var bound ? bound : null;

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
