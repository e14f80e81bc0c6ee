using System.CommandLine;
using System.Text.RegularExpressions;
using Verified.Cli.Commands;
using Verified.Storage;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Help that works however it is asked for and states every default as it is typed; progress from every long command; one number format.</summary>
public sealed class HelpAndProgressTests
{
    private static readonly RootCommand Root = CommandLine.Root(TextWriter.Null, TextWriter.Null);

    [Fact]
    public void Help_as_a_command_is_the_help_option()
    {
        var (code, output, error) = CliRunner.Run("help");
        var (_, byOption, _) = CliRunner.Run("--help");
        var (commandCode, spectrum, _) = CliRunner.Run("help", "spectrum");
        var (_, spectrumByOption, _) = CliRunner.Run("spectrum", "--help");

        Assert.True(code == 0, error);
        Assert.Equal(byOption, output);
        Assert.Contains("spectrum", output);
        Assert.Equal(0, commandCode);
        Assert.Equal(spectrumByOption, spectrum);
        Assert.Contains("--record-every", spectrum);
    }

    [Fact]
    public void List_defaults_print_as_they_are_typed()
    {
        var (_, sweep, _) = CliRunner.Run("sweep", "--help");

        var (_, check, _) = CliRunner.Run("check", "--help");

        Assert.Contains("[default: 5 10 20]", sweep);
        Assert.Contains("[default: 0 100 200 300 400]", sweep);
        Assert.Contains("[default: 1E-7]", check);
        foreach (var command in Root.Subcommands)
        {
            var (_, help, _) = CliRunner.Run(command.Name, "--help");
            Assert.DoesNotMatch(@"\[default: [^\]]*\|", help);
        }
    }

    /// <summary>What flossing reads is an option, named in the help: condition's learning rate, floss's transient, and the seeds of train's episodes.</summary>
    [Fact]
    public void The_flossing_of_condition_floss_and_train_is_set_by_options_named_in_the_help()
    {
        var (_, condition, _) = CliRunner.Run("condition", "--help");
        var (_, floss, _) = CliRunner.Run("floss", "--help");
        var (_, train, _) = CliRunner.Run("train", "--help");

        Assert.Contains("--floss-lr", condition);
        Assert.Contains("0.003", condition);
        Assert.Contains("--transient", floss);
        Assert.Contains("min(50, T_f/5)", floss);
        Assert.Contains("FNV-1a(\"floss-i\")", train);
    }

    /// <summary>Every option that takes a value has a default in its help, or says what leaving it out means, or that it is required.</summary>
    [Fact]
    public void Every_option_states_its_default()
    {
        static bool Says(Option option, string word) => (option.Description ?? "").Contains(word, StringComparison.OrdinalIgnoreCase);
        var silent = Root.Subcommands.SelectMany(command => command.Options
                .Where(option => option.ValueType != typeof(bool) && !option.Required && !option.HasDefaultValue && !Says(option, "default") && !Says(option, "required"))
                .Select(option => $"{command.Name} {option.Name}"))
            .ToList();

        Assert.True(silent.Count == 0, "no default stated: " + string.Join(", ", silent));
    }

    /// <summary>--n is the paper's N = 80 and --input none wherever they are offered; check's smaller N says why.</summary>
    [Fact]
    public void Shared_options_have_one_default_or_say_why()
    {
        foreach (var command in Root.Subcommands)
        {
            if (command.Options.FirstOrDefault(option => option.Name == "--n") is { } n)
            {
                Assert.True(Equals(n.GetDefaultValue(), CommonOptions.DefaultN) || (n.Description ?? "").Contains($"not {CommonOptions.DefaultN}"),
                    $"{command.Name} --n defaults to {n.GetDefaultValue()} without saying why");
            }
            if (command.Options.FirstOrDefault(option => option.Name == "--input") is { } input)
            {
                Assert.Equal("none", input.GetDefaultValue());
            }
        }
    }

    [Theory]
    [InlineData("[1/1] spectrum of vanilla-tanh", "spectrum", "--cell", "vanilla-tanh", "--n", "4", "--steps", "400")]
    [InlineData("[1/1] κ2 of vanilla-tanh", "condition", "--cell", "vanilla-tanh", "--n", "6", "--m", "2", "--horizon", "20")]
    [InlineData("[1/1] training copy-d3-none-s1", "train", "--cell", "vanilla-tanh", "--n", "4", "--delay", "3", "--steps", "10", "--epochs", "8", "--batch", "2")]
    public void A_long_command_shows_its_progress(string job, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);

        Assert.True(code == 0, error);
        Assert.Contains(job, output);
        Assert.Matches(@": done in \d+\.\d s", output);
    }

    /// <summary>The help of each option says what it does in that command: what is saved, where a run starts, what --init replaces, the unit of the steps.</summary>
    [Theory]
    [InlineData("train", "--save-params", "F64 whatever --precision")]
    [InlineData("floss", "--save-params", "F32 with --precision float")]
    [InlineData("floss", "--floss-parameters", "every parameter but a [TimeStep], which is flossed only when named")]
    [InlineData("train", "--floss-parameters", "every parameter but a [TimeStep], which is flossed only when named")]
    [InlineData("sweep", "--floss-parameters", "every parameter but a [TimeStep], which is flossed only when named")]
    [InlineData("spectrum", "--initial-state", "default: h0 drawn N(0, 1) from --seed, followed by --transient steps")]
    [InlineData("condition", "--initial-state", "default: h0 drawn N(0, 1) from --seed, followed by a transient of 200 steps")]
    [InlineData("train", "--initial-state", "default: h0 drawn N(0, 1) and relaxed for 100 input-free steps, then learned")]
    [InlineData("train", "--init", "a matrix declared with another Init keeps it")]
    [InlineData("spectrum", "--transient", "steps, not units of time")]
    [InlineData("floss", "--transient", "steps, not units of time")]
    public void Option_help_says_what_the_option_does_there(string command, string option, string says)
    {
        var (code, output, _) = CliRunner.Run(command, "--help");

        Assert.Equal(0, code);
        var help = string.Join(" ", output.Split('\n').SkipWhile(line => !line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal))
            .TakeWhile((line, index) => index == 0 || !line.TrimStart().StartsWith("--", StringComparison.Ordinal)).Select(line => line.Trim()));
        Assert.Contains(says, help);
        Assert.DoesNotContain("the command's own start", help);
        Assert.DoesNotContain("when floss runs", help);
    }

    /// <summary>The spectrum's progress counts its real steps (transients included), not the at most 1000 units its bar has.</summary>
    [Fact]
    public void The_spectrum_progress_counts_steps()
    {
        var (code, output, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "2", "--steps", "19000", "--transient", "500");

        Assert.True(code == 0, error);
        Assert.Contains("[1/1] spectrum of vanilla-tanh: 5000/20000 steps", output);
        Assert.Contains("[1/1] spectrum of vanilla-tanh: 15000/20000 steps", output);
    }

    /// <summary>Option values are read in the invariant culture: under a German locale, where 0.5 is written 0,5, "--g 0.5" is still one half.</summary>
    [Fact]
    public void Numbers_are_read_alike_under_any_locale()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "spectrum.json");
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var (code, _, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "4", "--g", "0.5", "--steps", "10", "--json", json);

            Assert.True(code == 0, error);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(0.5, document.RootElement.GetProperty("configuration").GetProperty("gain").GetDouble());
    }

    [Theory]
    [InlineData(8.86e-12, 2, "8.86E-12")]
    [InlineData(1.21e-10, 2, "1.21E-10")]
    [InlineData(300, 1, "3.0E+2")]
    [InlineData(1e-7, 0, "1E-7")]
    public void Scientific_numbers_have_the_shortest_exponent(double value, int decimals, string expected) =>
        Assert.Equal(expected, NumberText.Scientific(value, decimals));

    /// <summary>Tables, progress lines and the report print numbers alike: no zero-padded exponents (8.86E-012).</summary>
    [Fact]
    public void Tables_and_progress_lines_use_the_one_number_format()
    {
        var (_, check, _) = CliRunner.Run("check", "--cell", "gru", "--n", "3");
        var (_, train, _) = CliRunner.Run("train", "--cell", "vanilla-tanh", "--n", "4", "--delay", "3", "--steps", "10", "--epochs", "2", "--batch", "2");

        Assert.Matches(@"\d\.\d\dE-\d{1,2}\b", check);
        Assert.DoesNotMatch(@"E[+-]0\d", check + train);
        Assert.Matches(@"loss +\d\.\d{3}E[+-]\d", train);
    }
}
