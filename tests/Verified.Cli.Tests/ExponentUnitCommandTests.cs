using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// One unit rule in every command's JSON: exponents per unit time for a cell with a time step
/// (rate, Δt = 0.1), per step otherwise, named with Δt; exponents descending with their QR columns.
/// </summary>
public sealed class ExponentUnitCommandTests
{
    [Fact]
    public void Spectrum_and_floss_of_the_rate_cell_agree_in_unit_and_value()
    {
        using var folder = new TemporaryFolder();
        var (spectrumCode, _, spectrumError) = CliRunner.Run("spectrum", "--cell", "rate", "--n", "16", "--k", "3", "--steps", "2000",
            "--input", "gaussian", "--json", Path.Combine(folder, "spectrum.json"));
        // A learning rate of 1e-9 leaves θ as it was: each epoch estimates the same exponents over a fresh 300-step horizon.
        var (flossCode, _, flossError) = CliRunner.Run("floss", "--cell", "rate", "--n", "16", "--k", "3", "--epochs", "8", "--lr", "1e-9",
            "--input", "gaussian", "--json", Path.Combine(folder, "floss.json"));

        Assert.True(spectrumCode == 0, spectrumError);
        Assert.True(flossCode == 0, flossError);
        using var spectrum = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "spectrum.json")));
        using var floss = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "floss.json")));
        foreach (var root in new[] { spectrum.RootElement, floss.RootElement })
        {
            Assert.Equal("per unit time", root.GetProperty("unit").GetString());
            Assert.Equal(0.1, root.GetProperty("timeStep").GetDouble());
        }
        var lambda1 = spectrum.RootElement.GetProperty("exponents")[0].GetDouble();
        var flossed = floss.RootElement.GetProperty("history").EnumerateArray().Average(epoch => epoch.GetProperty("exponents")[0].GetDouble());
        Assert.True(Math.Abs(flossed - lambda1) <= 0.1 * Math.Abs(lambda1), $"λ1: spectrum {lambda1}, flossing {flossed} (mean over epochs)");
    }

    [Fact]
    public void A_cell_file_with_a_constant_time_step_has_exponents_per_unit_time()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder, "Lorenz.cs");
        File.WriteAllText(file, """
            using Verified;

            [RecurrentCell(Name = "lorenz")]
            public partial class Lorenz
            {
                [TimeStep] public const double Dt = 0.01;
                [State(1)] public Vec x;
                [State(1)] public Vec y;
                [State(1)] public Vec z;
                [Parameter] public Scalar sigma = 10;
                [Parameter] public Scalar rho = 28;
                [Parameter] public Scalar beta = 8.0 / 3;

                [Update(nameof(x))] public Vec xNext => x + Dt * sigma * (y - x);
                [Update(nameof(y))] public Vec yNext => y + Dt * (x * (rho - z) - y);
                [Update(nameof(z))] public Vec zNext => z + Dt * (x * y - beta * z);
            }
            """);
        var json = Path.Combine(folder, "spectrum.json");

        var (code, output, error) = CliRunner.Run("spectrum", "--cell-file", file, "--k", "3", "--steps", "300", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("per unit time (Δt = 0.01)", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("per unit time", root.GetProperty("unit").GetString());
        Assert.Equal(0.01, root.GetProperty("timeStep").GetDouble());
        var sums = root.GetProperty("logRSums").EnumerateArray().Select(e => e.GetDouble());
        Assert.Equal(sums.Select(sum => sum / (300 * 0.01)), root.GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void A_cell_without_a_time_step_names_exponents_per_step_and_no_time_step()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "spectrum.json");

        var (code, _, error) = CliRunner.Run("spectrum", "--cell", "vanilla-tanh", "--n", "8", "--k", "4", "--steps", "200", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("per step", root.GetProperty("unit").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("timeStep").ValueKind);
        var exponents = root.GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var sums = root.GetProperty("logRSums").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(exponents.OrderDescending(), exponents);
        Assert.Equal([0, 1, 2, 3], root.GetProperty("qrOrder").EnumerateArray().Select(e => e.GetInt32()).Order());
        Assert.Equal(sums.Select(sum => sum / 200), exponents);
    }

    [Fact]
    public void Condition_names_the_unit_and_the_exponents_of_eq_10()
    {
        using var temporary = new TemporaryFolder();
        var json = Path.Combine(temporary, "condition.json");

        var (code, _, error) = CliRunner.Run("condition", "--cell", "rate", "--n", "8", "--m", "3", "--horizon", "10", "--every", "10", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("per unit time", root.GetProperty("unit").GetString());
        Assert.Equal(0.1, root.GetProperty("timeStep").GetDouble());
        var spectrum = Assert.Single(root.GetProperty("spectra").EnumerateArray());
        var exponents = spectrum.GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(exponents.OrderDescending(), exponents);
        // Eq 10 counts the horizon in steps: log10 κ2 ≈ (λ1 − λm) · Δt · steps / ln 10.
        var point = Assert.Single(root.GetProperty("points").EnumerateArray());
        Assert.Equal((exponents[0] - exponents[2]) * 0.1 * 10 / Math.Log(10), point.GetProperty("log10KappaEq10").GetDouble(), 12);
    }
}
