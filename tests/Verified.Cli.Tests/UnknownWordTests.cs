using Xunit;

namespace Verified.Cli.Tests;

/// <summary>A command line with no command, or with a word its command does not take, says which command and where its options are listed.</summary>
public sealed class UnknownWordTests
{
    [Theory]
    [InlineData("error: train has no option --input; verified train --help lists its options", "train", "--cell", "vanilla-tanh", "--input", "gaussian")]
    [InlineData("error: spectrum has no option --epochs; verified spectrum --help lists its options", "spectrum", "--cell", "vanilla-tanh", "--epochs", "5")]
    [InlineData("error: cells takes no argument 'lstm'; verified cells --help lists what it takes", "cells", "lstm")]
    [InlineData("error: reproduce takes no argument 'fig2'; verified reproduce --help lists what it takes", "reproduce", "fig1", "fig2")]
    public void A_word_the_command_does_not_take_names_the_command(string expected, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Fact]
    public void No_command_lists_the_commands()
    {
        var (code, output, error) = CliRunner.Run();

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: no command given; the commands are cells, check, spectrum, floss, condition, clv, basis, train, sweep, validate, reproduce (verified --help says what each does)", error.TrimEnd());
    }
}
