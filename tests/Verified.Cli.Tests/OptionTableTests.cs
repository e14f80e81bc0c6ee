using System.CommandLine;
using Verified.Cli.Commands;
using Xunit;
using Xunit.Abstractions;

namespace Verified.Cli.Tests;

/// <summary>
/// Every option of every command, handed the values its type and rule refuse (negative, zero, NaN,
/// ±∞, huge sizes, wrong types, empty and bad paths, unknown names): each must give exit 2, one line starting
/// with "error:" that names no .NET type, no work and no file.
/// </summary>
public sealed class OptionTableTests(ITestOutputHelper log)
{
    /// <summary>What each command needs besides the option under test; {out} is a folder that must never be created.</summary>
    private static readonly Dictionary<string, string[]> Needs = new()
    {
        ["cells"] = [],
        ["check"] = ["--cell", "vanilla-tanh"],
        ["spectrum"] = ["--cell", "vanilla-tanh"],
        ["floss"] = ["--cell", "vanilla-tanh"],
        ["condition"] = ["--cell", "vanilla-tanh"],
        ["clv"] = ["--cell", "vanilla-tanh"],
        ["basis"] = ["--cell", "vanilla-tanh"],
        ["train"] = ["--cell", "vanilla-tanh"],
        ["sweep"] = ["--cell", "vanilla-tanh", "--out", "{out}"],
        ["validate"] = ["--out", "{out}"],
        ["reproduce"] = ["fig1", "--out", "{out}"],
    };

    /// <summary>A .NET type in a message ("System.Int32", "Double"): the user is told what was expected instead.</summary>
    private static readonly System.Text.RegularExpressions.Regex DotNetTypeName = new(@"System\.|\b(U?Int(16|32|64)|Double|Single|Boolean|Nullable|FileInfo|DirectoryInfo)\b");

    /// <summary>Options that size a run: a huge value must be refused, not attempted.</summary>
    private static readonly HashSet<string> Sizes = ["--n", "--k", "--steps", "--batch", "--m", "--delay", "--delays", "--ks", "--horizon", "--floss-steps", "--backward-transient", "--window", "--transients", "--samples"];

    /// <summary>A count that wrapped around: an estimate printed negative is a wrong number, not a refusal.</summary>
    private static readonly System.Text.RegularExpressions.Regex NegativeCount = new(@"-\d[\d,]* elements");

    private static IEnumerable<string> BadValues(Option option, string aFile)
    {
        var type = option.ValueType;
        var rule = OptionRules.RuleOf(option);
        if (type == typeof(bool))
        {
            yield break;
        }
        if (type == typeof(int) || type == typeof(int?) || type == typeof(int[]))
        {
            yield return "abc";
            yield return "1.5";
            yield return "99999999999";
            if (rule is ValueRule.Positive or ValueRule.NonNegative)
            {
                yield return "-1";
            }
            if (rule == ValueRule.Positive)
            {
                yield return "0";
            }
            if (Sizes.Contains(option.Name))
            {
                yield return "2147483647";
            }
        }
        else if (type == typeof(double) || type == typeof(double?))
        {
            yield return "abc";
            // A decimal comma, which would otherwise be read as a thousands separator.
            yield return "0,5";
            foreach (var value in rule == ValueRule.Any ? [] : new[] { "NaN", "Infinity", "-Infinity", "1e400" })
            {
                yield return value;
            }
            if (rule is ValueRule.FinitePositive or ValueRule.FiniteNonNegative)
            {
                yield return "-1";
            }
            if (rule == ValueRule.FinitePositive)
            {
                yield return "0";
            }
        }
        else if (type == typeof(ulong))
        {
            yield return "-1";
            yield return "abc";
        }
        else if (type == typeof(FileInfo))
        {
            yield return "";
            yield return option.Name == "--cell-file" ? "/nonexistent/cell.cs" : "/nonexistent/out.json";
            yield return "/tmp";
            if (option.Name != "--cell-file")
            {
                yield return "/proc/out.json";
            }
        }
        else if (type == typeof(DirectoryInfo))
        {
            yield return "";
            yield return "/proc/verified-out";
            yield return aFile;
        }
        else if (type == typeof(string) || type == typeof(string[]))
        {
            yield return "bogus-value";
        }
        else
        {
            throw new InvalidOperationException($"{option.Name}: no table of bad values for {type}");
        }
    }

    /// <summary>A cell of fixed sizes, with no input and no matrix the gain scales: --n, --g and an input mean nothing to it.</summary>
    private static readonly Lazy<string> FixedCell = new(() =>
    {
        using var temporary = new TemporaryFolder();
        var file = Path.Combine(temporary, "fixed.cs");
        File.WriteAllText(file, """
            using Verified;
            using static Verified.CellMath;
            [RecurrentCell(Name = "fixed")]
            public partial class Fixed
            {
                [State(3)] public Vec u;
                [Parameter(3, 3, Init = Init.Gaussian, Scale = 0.5)] public Mat A;
                [Update(nameof(u))] public Vec uNext => Tanh(A * u);
            }
            """);
        return file;
    });

    /// <summary>A vanilla-tanh network (N = 4) as a parameter file, for the rows "with --params".</summary>
    private static readonly Lazy<string> NetworkFile = new(() =>
    {
        using var temporary = new TemporaryFolder();
        var file = Path.Combine(temporary, "network.safetensors");
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(4));
        Verified.Storage.ParameterFile.Save(file, layout, Verified.Initialisation.ParameterInitialiser.Create(layout, 1.0, new Verified.Randomness.Rng(1)));
        return file;
    });

    /// <summary>
    /// Options that a command, or the cell, or the other options would leave unread: each is
    /// refused in one line with exit 2 before any work, never accepted and ignored. The columns:
    /// the command; {fixed} (a cell of fixed sizes), {torch} (torch-rnn), {params} (a network file)
    /// or {epochs0} (--epochs 0: nothing trained) for the context; the option refused there.
    /// </summary>
    [Theory]
    [InlineData("spectrum", "--precision", "float")]
    [InlineData("check", "--precision", "float")]
    [InlineData("condition", "--precision", "float")]
    [InlineData("cells", "--seed", "3")]
    [InlineData("cells", "--g", "2")]
    [InlineData("spectrum", "{fixed}", "--n", "5")]
    [InlineData("check", "{fixed}", "--n", "5")]
    [InlineData("cells", "{fixed}", "--n", "5")]
    [InlineData("spectrum", "{fixed}", "--g", "2")]
    [InlineData("floss", "{fixed}", "--g", "2")]
    [InlineData("spectrum", "{fixed}", "--input", "gaussian")]
    [InlineData("floss", "{fixed}", "--input", "uniform")]
    [InlineData("condition", "{fixed}", "--input", "bernoulli")]
    [InlineData("train", "{fixed}")]
    [InlineData("condition", "--bits", "512", "--confirm")]
    [InlineData("condition", "--floss-epochs", "5")]
    [InlineData("condition", "--floss-lr", "0.01")]
    [InlineData("floss", "--steps", "40", "--transient", "40")]
    [InlineData("train", "--flossing", "pre", "--floss-at", "0", "5")]
    [InlineData("sweep", "--schedules", "none", "pre", "--floss-at", "0")]
    [InlineData("sweep", "--schedules", "none", "--ks", "4")]
    [InlineData("sweep", "--schedules", "none", "--floss-epochs", "4")]
    [InlineData("sweep", "--seed", "18446744073709551615", "--seeds", "2")]
    [InlineData("train", "--task", "xor", "--task-input", "uniform")]
    [InlineData("train", "--reg-weight", "0.5")]
    [InlineData("sweep", "--reg-weight", "0.5")]
    [InlineData("sweep", "--task", "spatial-xor", "--task-input", "uniform")]
    [InlineData("train", "{torch}", "--init", "orthogonal")]
    [InlineData("sweep", "{torch}", "--init", "orthogonal")]
    [InlineData("spectrum", "{params}", "--g", "2")]
    [InlineData("floss", "{params}", "--g", "2")]
    [InlineData("condition", "{params}", "--g", "2")]
    [InlineData("clv", "{params}", "--g", "2")]
    [InlineData("clv", "{fixed}", "--input", "gaussian")]
    [InlineData("clv", "{fixed}", "--g", "2")]
    [InlineData("clv", "--precision", "float")]
    [InlineData("spectrum", "--tons", "3", "--window", "10")]
    [InlineData("basis", "--samples", "1")]
    [InlineData("basis", "{params}", "--g", "2")]
    [InlineData("basis", "{fixed}", "--input", "gaussian")]
    [InlineData("spectrum", "--steps", "100", "--window", "200")]
    [InlineData("train", "{params}", "--g", "2")]
    [InlineData("train", "{params}", "--init", "orthogonal")]
    [InlineData("train", "{params}", "--model-init", "author-code")]
    [InlineData("train", "{epochs0}", "--lr", "0.01")]
    [InlineData("train", "{epochs0}", "--regularise", "jacobian")]
    [InlineData("train", "{epochs0}", "--clip", "0.1")]
    [InlineData("train", "{epochs0}", "--eval-every", "5")]
    [InlineData("train", "{epochs0}", "--record-clv-overlap")]
    [InlineData("sweep", "{epochs0}", "--lr", "0.01")]
    [InlineData("sweep", "{epochs0}", "--clip", "0")]
    [InlineData("sweep", "{epochs0}", "--eval-every", "5")]
    [InlineData("spectrum", "--all-errors")]
    [InlineData("train", "--all-errors")]
    [InlineData("sweep", "--all-errors")]
    [InlineData("sweep", "--merge", "--plan")]
    public void Options_that_would_be_ignored_are_refused_in_one_line_before_any_work(string command, params string[] given)
    {
        using var temporary = new TemporaryFolder();
        var folder = Path.Combine(temporary, "out");
        var cell = given.Contains("{fixed}") ? ["--cell-file", FixedCell.Value]
            : given.Contains("{torch}") ? ["--cell", "torch-rnn"]
            : command == "cells" ? [] : new[] { "--cell", "vanilla-tanh" };
        string[] context = given.Contains("{params}") ? ["--params", NetworkFile.Value] : given.Contains("{epochs0}") ? ["--epochs", "0"] : [];
        string[] args = [command, .. cell, .. context, .. given.Where(argument => !argument.StartsWith('{')), .. command == "sweep" ? ["--out", folder] : Array.Empty<string>()];

        var (code, output, error) = CliRunner.Run(args);

        Assert.True(code == 2, $"{string.Join(' ', args)} → exit {code}: {output}{error}");
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error:", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Every_option_of_every_command_refuses_its_bad_values_in_one_line_before_any_work()
    {
        var root = CommandLine.Root(TextWriter.Null, TextWriter.Null);
        using var scratch = new TemporaryFolder();
        var aFile = Path.Combine(scratch, "a-file");
        File.WriteAllText(aFile, "");
        var probes = 0;
        var failures = new List<string>();
        foreach (var command in root.Subcommands)
        {
            foreach (var option in command.Options.Where(option => option.Name.StartsWith("--", StringComparison.Ordinal) && option.Name != "--help"))
            {
                foreach (var value in BadValues(option, aFile))
                {
                    var folder = Path.Combine(scratch, "out-" + probes);
                    var needs = Needs[command.Name].Select(argument => argument.Replace("{out}", folder)).ToList();
                    var at = needs.IndexOf(option.Name);
                    if (at >= 0)
                    {
                        needs.RemoveRange(at, 2);
                    }
                    string[] args = [command.Name, .. needs, option.Name, value];
                    var (code, output, error) = CliRunner.Run(args);
                    probes++;
                    var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    if (code != 2 || lines.Length != 1 || !lines[0].StartsWith("error:", StringComparison.Ordinal) || DotNetTypeName.IsMatch(error) || NegativeCount.IsMatch(error) || output.Length > 0 || Directory.Exists(folder))
                    {
                        failures.Add($"{string.Join(' ', args)} → exit {code}, error '{error.Trim()}', output '{output.Trim()[..Math.Min(80, output.Trim().Length)]}'");
                    }
                }
            }
        }
        log.WriteLine($"{probes} probes, {failures.Count} not refused as promised");
        Assert.True(probes > 300, $"only {probes} probes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
