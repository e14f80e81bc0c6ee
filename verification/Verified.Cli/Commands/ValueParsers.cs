using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Verified.Cli.Commands;

/// <summary>
/// The one reading of option values that are numbers or paths: every such option of the command
/// tree gets a parser here, so that a value that is not one says what was expected ("--n takes a
/// whole number, not 'abc'", "--json takes a file path, not ''"), never a .NET type name or a crash. Numbers are read in the invariant culture with
/// a decimal point and no thousands separator: "0,5" is refused, never read as 5.
/// </summary>
public static class ValueParsers
{
    /// <summary>Gives every number and path option of <paramref name="command"/> and its subcommands its parser.</summary>
    public static void Install(Command command)
    {
        foreach (var option in command.Options)
        {
            Install(option);
        }
        foreach (var subcommand in command.Subcommands)
        {
            Install(subcommand);
        }
    }

    private static void Install(Option option)
    {
        switch (option)
        {
            case Option<int> whole:
                whole.CustomParser = result => One<int>(result, whole, Whole, WholeWanted(result, "a whole number", int.MaxValue));
                break;
            case Option<int?> whole:
                whole.CustomParser = result => One<int>(result, whole, Whole, WholeWanted(result, "a whole number", int.MaxValue));
                break;
            case Option<ulong> natural:
                natural.CustomParser = result => One<ulong>(result, natural, Natural, WholeWanted(result, "a whole number ≥ 0", ulong.MaxValue));
                break;
            case Option<double> real:
                real.CustomParser = result => One<double>(result, real, Real, RealWanted(result, "a number"));
                break;
            case Option<int[]> wholes:
                wholes.CustomParser = result => Many<int>(result, wholes, Whole, WholeWanted(result, "whole numbers", int.MaxValue));
                break;
            case Option<FileInfo?> file: // and Option<FileInfo>
                file.CustomParser = result => One<FileInfo?>(result, file, Path<FileInfo?>(text => new FileInfo(text)), "a file path");
                break;
            case Option<DirectoryInfo> folder: // and Option<DirectoryInfo?>: nullability is no runtime type
                folder.CustomParser = result => One<DirectoryInfo>(result, folder, Path<DirectoryInfo>(text => new DirectoryInfo(text)), "a folder path");
                break;
            case Option<double[]> reals:
                reals.CustomParser = result => Many<double>(result, reals, Real, RealWanted(result, "numbers"));
                break;
        }
    }

    private delegate bool Reader<T>(string text, out T value);

    private static bool Whole(string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool Natural(string text, out ulong value) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool Real(string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>A path: not empty, and one the file system can name (no NUL character).</summary>
    private static Reader<T> Path<T>(Func<string, T> create) where T : FileSystemInfo? => (string text, out T value) =>
    {
        value = default!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        try
        {
            value = create(text);
            return true;
        }
        catch (Exception unusable) when (unusable is ArgumentException or PathTooLongException or NotSupportedException)
        {
            return false;
        }
    };

    /// <summary>
    /// What a whole-number option wants: a whole number above the type's range ("99999999999" for an int) is told
    /// the largest value, since "takes a whole number" would not say what is wrong with it.
    /// </summary>
    private static string WholeWanted(ArgumentResult result, string wanted, ulong most) =>
        result.Tokens.Any(token => System.Numerics.BigInteger.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole > most)
            ? $"{wanted} of at most {most:N0}"
            : wanted;

    /// <summary>What a real option wants: a value written with a decimal comma is told to use a point.</summary>
    private static string RealWanted(ArgumentResult result, string wanted) =>
        result.Tokens.Any(token => token.Value.Contains(',')) ? wanted + " with a decimal point" : wanted;

    /// <summary>The value of a one-value option; an unreadable token is the error "NAME takes WANTED, not 'TOKEN'".</summary>
    private static T One<T>(ArgumentResult result, Option option, Reader<T> read, string wanted)
    {
        var token = result.Tokens[0].Value;
        if (!read(token, out var value))
        {
            result.AddError($"{option.Name} takes {wanted}, not '{token}'");
        }
        return value;
    }

    /// <summary>The values of a list option; the first unreadable token is the error.</summary>
    private static T[] Many<T>(ArgumentResult result, Option option, Reader<T> read, string wanted)
    {
        var values = new T[result.Tokens.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!read(result.Tokens[i].Value, out values[i]))
            {
                result.AddError($"{option.Name} takes {wanted}, not '{result.Tokens[i].Value}'");
                break;
            }
        }
        return values;
    }
}
