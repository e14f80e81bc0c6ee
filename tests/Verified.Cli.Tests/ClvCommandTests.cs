using System.Text.Json;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>`verified clv`: the JSON a script can check, the plot, and memory refused before any work.</summary>
public sealed class ClvCommandTests : IDisposable
{
    private readonly TemporaryFolders _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Clv_writes_exponents_steps_states_and_unit_vectors_covariant_under_the_cells_jacobian()
    {
        var folder = _temporary.New();
        var json = Path.Combine(folder, "clv.json");
        var png = Path.Combine(folder, "clv.png");

        var (code, output, error) = CliRunner.Run("clv", "--cell", "vanilla-tanh", "--n", "6", "--g", "2.5", "--k", "4",
            "--steps", "200", "--transient", "200", "--backward-transient", "200", "--record-every", "1", "--json", json, "--plot", png);

        Assert.True(code == 0, error);
        Assert.Contains("λ1 = ", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        var exponents = root.GetProperty("exponents").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(4, exponents.Count);
        Assert.Equal(exponents.OrderByDescending(e => e), exponents);
        Assert.Equal(Enumerable.Range(0, 200), root.GetProperty("steps").EnumerateArray().Select(e => e.GetInt32()));
        var states = root.GetProperty("states").EnumerateArray().Select(s => s.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToList();
        var vectors = root.GetProperty("vectors").EnumerateArray()
            .Select(step => step.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray()).ToList();
        Assert.Equal(200, states.Count);
        Assert.All(states, state => Assert.Equal(6, state.Length));
        Assert.Equal(200, vectors.Count);
        Assert.All(vectors, step =>
        {
            Assert.Equal(6, step.Length);
            Assert.All(step, row => Assert.Equal(4, row.Length));
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(1, Math.Sqrt(step.Sum(row => row[i] * row[i])), 12);
            }
        });
        // What a script can check from the file alone: h_{s+1} = tanh-net(h_s) is not needed; the JSON's vectors at s and s + 1
        // with the cell's Jacobian at h_s (from the same θ) are covariant: D_s v_i(s) ∥ v_i(s + 1).
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(6));
        var theta = Verified.Initialisation.ParameterInitialiser.Create(layout, 2.5, new Verified.Randomness.Rng(1));
        var jacobian = new double[36];
        layout.Spec.CreateKernels<double>(layout).Jacobian(theta, states[50], new double[layout.InputSize], jacobian);
        for (var i = 0; i < 4; i++)
        {
            var image = Enumerable.Range(0, 6).Select(row => Enumerable.Range(0, 6).Sum(col => jacobian[row * 6 + col] * vectors[50][col][i])).ToArray();
            var cosine = Math.Abs(image.Zip(vectors[51], (a, row) => a * row[i]).Sum()) / Math.Sqrt(image.Sum(a => a * a));
            Assert.True(cosine > 1 - 1e-10, $"vector {i + 1}: |cos| {cosine}");
        }
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void Clv_refuses_a_window_whose_stored_factors_do_not_fit_before_any_work()
    {
        var json = Path.Combine(_temporary.New(), "clv.json");

        var (code, output, error) = CliRunner.Run("clv", "--cell", "vanilla-tanh", "--n", "400", "--k", "400", "--steps", "2000000000", "--transient", "0",
            "--backward-transient", "0", "--json", json);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: covariant vectors of vanilla-tanh at n = 400, k = 400", error);
        Assert.False(File.Exists(json));
    }
}
