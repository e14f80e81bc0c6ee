using System.Buffers.Binary;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// --plot PATH.png of spectrum, floss, condition and train draws the run as validate draws its
/// parts: a PNG 1100 pixels wide with a panel per chart (the running exponents; the flossing loss
/// and exponents; κ2 per m; training loss, test loss and test accuracy).
/// </summary>
public sealed class PlotOptionTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Theory]
    [InlineData(330, "spectrum", "--cell", "vanilla-tanh", "--n", "4", "--k", "3", "--steps", "200")]
    [InlineData(660, "floss", "--cell", "vanilla-tanh", "--n", "6", "--k", "2", "--epochs", "4", "--steps", "40")]
    [InlineData(660, "condition", "--cell", "vanilla-tanh", "--n", "6", "--m", "2", "4", "--horizon", "20", "--every", "10")]
    [InlineData(560, "condition", "--cell", "vanilla-tanh", "--n", "6", "--m", "3", "--horizon", "20", "--every", "10")]
    [InlineData(900, "train", "--cell", "vanilla-tanh", "--n", "4", "--delay", "3", "--steps", "10", "--epochs", "6", "--batch", "2", "--eval-every", "2")]
    public void Plot_draws_the_runs_panels(int height, params string[] args)
    {
        var png = Path.Combine(_temporary.New(), "run.png");

        var (code, _, error) = CliRunner.Run([.. args, "--plot", png]);

        Assert.True(code == 0, error);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal((1100, height), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
    }

    [Theory]
    [InlineData("spectrum")]
    [InlineData("floss")]
    [InlineData("condition")]
    [InlineData("train")]
    public void Plot_refuses_a_file_that_is_not_a_png_before_any_work(string command)
    {
        var path = Path.Combine(_temporary.New(), "run.jpg");

        var (code, output, error) = CliRunner.Run(command, "--cell", "vanilla-tanh", "--plot", path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: --plot '{path}' is not a .png file: the plot is a PNG image", error.TrimEnd());
        Assert.False(File.Exists(path));
    }
}
