using System.CommandLine;
using System.Runtime.CompilerServices;

namespace Verified.Cli.Commands;

/// <summary>What values an option accepts beyond its type.</summary>
public enum ValueRule { Any, Finite, NonNegative, Positive, FiniteNonNegative, FinitePositive, WritableFile, WritableFolder, ExistingFile }

/// <summary>
/// The one validation layer of option values: each rule is a System.CommandLine validator, so a bad
/// value is a parse error (one line, exit 2) before any work or any file. The rule of every option is
/// recorded, so that a test can hand every option of every command the values its rule refuses.
/// </summary>
public static class OptionRules
{
    private static readonly ConditionalWeakTable<Option, StrongBox<ValueRule>> Rules = new();

    public static ValueRule RuleOf(Option option) => Rules.TryGetValue(option, out var rule) ? rule.Value : ValueRule.Any;

    public static Option<int> Positive(this Option<int> option) => Checked(option, ValueRule.Positive, value => value > 0, "a positive integer");

    public static Option<int> PositiveAtMost(this Option<int> option, int most) =>
        Checked(option, ValueRule.Positive, value => value is > 0 && value <= most, $"a positive integer of at most {most:N0}");

    public static Option<int?> Positive(this Option<int?> option) => Checked(option, ValueRule.Positive, value => value is not { } given || given > 0, "a positive integer");

    public static Option<int?> NonNegative(this Option<int?> option) => Checked(option, ValueRule.NonNegative, value => value is not { } given || given >= 0, "a non-negative integer");

    public static Option<int> NonNegative(this Option<int> option) => Checked(option, ValueRule.NonNegative, value => value >= 0, "a non-negative integer");

    public static Option<int[]> Positive(this Option<int[]> option) => Checked(option, ValueRule.Positive, values => values.All(value => value > 0), "positive integers");

    public static Option<int[]> NonNegative(this Option<int[]> option) => Checked(option, ValueRule.NonNegative, values => values.All(value => value >= 0), "non-negative integers");

    public static Option<double> Finite(this Option<double> option) => Checked(option, ValueRule.Finite, double.IsFinite, "a finite number");

    public static Option<double> FiniteNonNegative(this Option<double> option) => Checked(option, ValueRule.FiniteNonNegative, value => double.IsFinite(value) && value >= 0, "a finite number ≥ 0");

    public static Option<double> FinitePositive(this Option<double> option) => Checked(option, ValueRule.FinitePositive, value => double.IsFinite(value) && value > 0, "a finite positive number");

    /// <summary>
    /// One of <paramref name="values"/>, spelt exactly; help lists them as &lt;a|b|…&gt;. A value not among them is
    /// refused naming the option ("--input must be one of none, gaussian, …, not 'foo'"), which System.CommandLine's
    /// own AcceptOnlyFromAmong does not do: with --input, --floss-input and --task-input on one line, its message
    /// would not say which was wrong.
    /// </summary>
    public static Option<T> OneOf<T>(this Option<T> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result => RefuseOthers(result, option.Name, result.Tokens, values));
        return option;
    }

    /// <summary>A positional argument that is one of <paramref name="values"/>: as <see cref="OneOf{T}(Option{T}, string[])"/>, named by its help name.</summary>
    public static Argument<T> OneOf<T>(this Argument<T> argument, params string[] values)
    {
        argument.CompletionSources.Add(values);
        argument.Validators.Add(result => RefuseOthers(result, argument.HelpName ?? argument.Name, result.Tokens, values));
        return argument;
    }

    private static void RefuseOthers(System.CommandLine.Parsing.SymbolResult result, string name, IReadOnlyList<System.CommandLine.Parsing.Token> tokens, string[] values)
    {
        if (tokens.FirstOrDefault(token => !values.Contains(token.Value, StringComparer.Ordinal)) is { } other)
        {
            result.AddError($"{name} must be one of {string.Join(", ", values)}, not '{other.Value}'");
        }
    }

    /// <summary>An output file: its folder must exist and take a new file, and the path must not be a folder; checked before any work.</summary>
    public static Option<FileInfo?> WritableFile(this Option<FileInfo?> option) => Validated(option, ValueRule.WritableFile, (file, _) =>
        file is null ? null
        : Directory.Exists(file.FullName) ? $"{option.Name} '{file}' is a folder, not a file"
        : !Directory.Exists(file.DirectoryName) ? $"{option.Name} '{file}': the folder '{file.DirectoryName}' does not exist"
        : Output.OutputFolder.CanCreateFilesIn(file.DirectoryName!, out var problem) ? null : $"{option.Name} '{file}': {problem}");

    /// <summary>An input file: it must exist and be a file; checked before any work.</summary>
    public static Option<FileInfo?> ExistingFile(this Option<FileInfo?> option) => Validated(option, ValueRule.ExistingFile, (file, _) =>
        file is null || File.Exists(file.FullName) ? null
        : Directory.Exists(file.FullName) ? $"{option.Name} '{file}' is a folder, not a file"
        : $"{option.Name} '{file}' does not exist");

    /// <summary>An output folder: it, or the nearest folder above it that exists, must take new files; nothing is created until the work starts.</summary>
    public static Option<T> WritableFolder<T>(this Option<T> option) where T : FileSystemInfo? => Validated(option, ValueRule.WritableFolder, (value, _) =>
        value is DirectoryInfo folder && !Output.OutputFolder.CanCreateFilesIn(folder.FullName, out var problem) ? $"{option.Name} '{folder}': {problem}" : null);

    /// <summary>
    /// Refuses the first of <paramref name="options"/> that was given on the command line, as
    /// "NAME <paramref name="reason"/>": the rule for an option that the run, as the other options
    /// set it up, would not read. Its value is never silently ignored.
    /// </summary>
    public static void RefuseGiven(ParseResult result, IEnumerable<Option> options, string reason)
    {
        if (options.FirstOrDefault(option => Given(result, option)) is { } unread)
        {
            throw new UsageException($"{unread.Name} {reason}");
        }
    }

    /// <summary>Whether the option was given on the command line (not left to its default).</summary>
    public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static Option<T> Checked<T>(Option<T> option, ValueRule rule, Func<T, bool> accepts, string wanted) =>
        Validated(option, rule, (value, given) => accepts(value) ? null : $"{option.Name} must be {wanted}, not {given}");

    /// <summary>Records the option's rule and adds its validator: <paramref name="problem"/> of a value (and the text it was given as) is null when the value is accepted.</summary>
    private static Option<T> Validated<T>(Option<T> option, ValueRule rule, Func<T, string, string?> problem)
    {
        Rules.AddOrUpdate(option, new StrongBox<ValueRule>(rule));
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && TryValue(result, out T value) && problem(value, string.Join(" ", result.Tokens.Select(token => token.Value))) is { } message)
            {
                result.AddError(message);
            }
        });
        return option;
    }

    /// <summary>The option's value, or false when its tokens do not convert: that is a parse error of its own, reported by <see cref="ValueParsers"/>.</summary>
    internal static bool TryValue<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
