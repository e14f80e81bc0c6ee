using Verified.Flossing;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Runtime.Tests.Cells;
using Xunit;

namespace Verified.Runtime.Tests.Lyapunov;

/// <summary>
/// Exponents are reported descending with the QR column of each. On the Lorenz system, a 100-step
/// window (1 unit of time) right after a short Q transient gives the QR columns out of order.
/// </summary>
public sealed class ExponentOrderTests
{
    [Fact]
    public void Spectrum_is_descending_with_the_qr_column_of_each_where_the_qr_order_is_not()
    {
        var layout = Lorenz.Spec.Layout(CellDimensions.Of(1));
        double[] theta = [10, 28, 8.0 / 3];
        var options = new SpectrumOptions { K = 3, Steps = 100, Transient = 1000, QTransient = 100, Seed = 1, InitialState = [1, 1, 20] };

        var spectrum = LyapunovSpectrum.Compute(layout, theta, options);
        // The first QR column alone: Gram–Schmidt's first column does not see the others.
        var firstColumn = LyapunovSpectrum.Compute(layout, theta, options with { K = 1, InitialBasis = FirstColumn(options, 3) });

        Assert.Equal(spectrum.Exponents.OrderDescending(), spectrum.Exponents);
        Assert.Equal([0, 1, 2], spectrum.QrOrder.Order());
        Assert.NotEqual([0, 1, 2], spectrum.QrOrder);
        Assert.Equal(firstColumn.Exponents[0], spectrum.Exponents[Array.IndexOf(spectrum.QrOrder, 0)], 10);
        Assert.Equal(spectrum.LogRSums.Select(sum => sum / (100 * Lorenz.Dt)), spectrum.Exponents);
        Assert.True(Verified.Checks.Compare.RelativeError(spectrum.Running[^1], spectrum.Exponents) <= 1e-14);
    }

    [Fact]
    public void Flossing_records_its_exponents_descending_with_their_qr_columns()
    {
        const int N = 8, K = 4, Steps = 20, Transient = 2;
        const ulong Seed = 3;
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(N, 2));
        var theta = ParameterInitialiser.Create(layout, 1.5, new Rng(Seed));
        // Epoch 0's horizon as the flosser draws it from its stream: h_0, then Q_0, then the inputs.
        var rng = Rng.ForStream(Seed, "floss");
        var h0 = new double[N];
        rng.FillGaussian(h0);
        var gaussian = new double[N * K];
        rng.FillGaussian(gaussian);
        var q0 = new double[N * K];
        new Verified.Dense.HouseholderQr<double>(N, K).Factor(gaussian, q0, new double[K * K]);
        var inputs = InputStream.Create(InputKind.Gaussian, layout.InputSize, Steps, rng);
        var qrOrdered = new FlossingProblem<double>(layout, new FlossingHorizon(K, Steps, Transient, 1, 0)).Exponents(theta, h0, q0, inputs);

        var history = Flosser.Run<double>(layout, theta.ToArray(), new FlossOptions { K = K, Epochs = 2, Steps = Steps, Transient = Transient, Seed = Seed, Input = InputKind.Gaussian });

        Assert.Equal(history[0].QrOrder.Select(column => qrOrdered[column]), history[0].Exponents);
        Assert.All(history, epoch =>
        {
            Assert.Equal(epoch.Exponents.OrderDescending(), epoch.Exponents);
            Assert.Equal([0, 1, 2, 3], epoch.QrOrder.Order());
        });
    }

    [Fact]
    public void The_order_is_the_permutation_that_sorts_descending_and_keeps_ties_in_qr_order()
    {
        double[] qrOrdered = [0.075, 0.259, -1, 0.259];

        var order = ExponentOrder.Descending(qrOrdered);

        Assert.Equal([1, 3, 0, 2], order);
        Assert.Equal([0.259, 0.259, 0.075, -1], ExponentOrder.Apply(qrOrdered, order));
    }

    /// <summary>The spectrum's own Q_0 (drawn from its seeded stream as n×k Gaussian, feature-major) has this first column.</summary>
    private static double[] FirstColumn(SpectrumOptions options, int n)
    {
        var gaussian = new double[n * options.K];
        Rng.ForStream(options.Seed, "spectrum").FillGaussian(gaussian);
        var q = new double[n * options.K];
        new Verified.Dense.HouseholderQr<double>(n, options.K).Factor(gaussian, q, new double[options.K * options.K]);
        return [.. Enumerable.Range(0, n).Select(i => q[i * options.K])];
    }
}
