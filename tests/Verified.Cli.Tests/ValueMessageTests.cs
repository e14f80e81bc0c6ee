using Xunit;

namespace Verified.Cli.Tests;

/// <summary>A value that is not of its option's kind is told what was expected, in words, never as a .NET type.</summary>
public sealed class ValueMessageTests
{
    [Theory]
    [InlineData("--n takes a whole number, not 'abc'", "spectrum", "--cell", "vanilla-tanh", "--n", "abc")]
    [InlineData("--n takes a whole number, not '1.5'", "spectrum", "--cell", "vanilla-tanh", "--n", "1.5")]
    [InlineData("--steps takes a whole number of at most 2,147,483,647, not '99999999999'", "floss", "--cell", "vanilla-tanh", "--steps", "99999999999")]
    [InlineData("--steps takes a whole number, not '-99999999999'", "floss", "--cell", "vanilla-tanh", "--steps", "-99999999999")]
    [InlineData("--seed takes a whole number ≥ 0 of at most 18,446,744,073,709,551,615, not '18446744073709551616'", "spectrum", "--cell", "vanilla-tanh", "--seed", "18446744073709551616")]
    [InlineData("--delays takes whole numbers of at most 2,147,483,647, not '3000000000'", "sweep", "--cell", "vanilla-tanh", "--out", "{out}", "--delays", "5", "3000000000")]
    [InlineData("--g takes a number, not 'x'", "spectrum", "--cell", "vanilla-tanh", "--g", "x")]
    [InlineData("--g takes a number with a decimal point, not '0,5'", "floss", "--cell", "vanilla-tanh", "--g", "0,5")]
    [InlineData("--clip takes a number, not 'tight'", "floss", "--cell", "vanilla-tanh", "--clip", "tight")]
    [InlineData("--seed takes a whole number ≥ 0, not '-1'", "spectrum", "--cell", "vanilla-tanh", "--seed", "-1")]
    [InlineData("--floss-at takes whole numbers, not 'x'", "train", "--cell", "vanilla-tanh", "--flossing", "during", "--floss-at", "0", "x")]
    [InlineData("--delays takes whole numbers, not '2.5'", "sweep", "--cell", "vanilla-tanh", "--out", "{out}", "--delays", "5", "2.5")]
    [InlineData("--json takes a file path, not ''", "spectrum", "--cell", "vanilla-tanh", "--json", "")]
    [InlineData("--cell-file takes a file path, not ''", "cells", "--cell-file", "")]
    [InlineData("--out takes a folder path, not ''", "sweep", "--cell", "vanilla-tanh", "--out", "")]
    public void Says_what_was_expected(string expected, params string[] args)
    {
        using var temporary = new TemporaryFolder();
        var folder = Path.Combine(temporary, "out");
        var (code, output, error) = CliRunner.Run([.. args.Select(arg => arg.Replace("{out}", folder))]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: " + expected, error.TrimEnd());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Values_of_the_right_kind_are_still_read_as_written()
    {
        // The parsers replace System.CommandLine's conversion: signs and exponents are read, and read as the plain form is.
        var (code, output, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "+6", "--g", "15e-1", "--steps", "200", "--k", "2");
        var (plainCode, plain, _) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "6", "--g", "1.5", "--steps", "200", "--k", "2");

        Assert.True(code == 0, error);
        Assert.Equal(0, plainCode);
        Assert.Contains("n = 6", output);
        Assert.Equal(Exponents(plain), Exponents(output));
    }

    private static string[] Exponents(string output) => [.. output.Split('\n').Where(line => line.TrimStart().StartsWith("λ", StringComparison.Ordinal))];
}
