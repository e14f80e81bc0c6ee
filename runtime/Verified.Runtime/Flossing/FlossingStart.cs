using Verified.Dense;
using Verified.Lyapunov;
using Verified.Randomness;

namespace Verified.Flossing;

/// <summary>Where a flossing horizon starts: the state h_0, an orthonormal basis Q_0 (n×k) and the inputs of every step.</summary>
/// <param name="H0">The initial state h_0 (n).</param>
/// <param name="Q0">An orthonormal n×k basis Q_0, row-major.</param>
/// <param name="Inputs">The inputs of every step, step s at s·I.</param>
public sealed record FlossingStart(double[] H0, double[] Q0, double[] Inputs)
{
    /// <summary>h_0 ~ N(0, 1), Q_0 from the QR of a Gaussian n×k matrix, and Gaussian inputs, all drawn from <paramref name="rng"/>.</summary>
    public static FlossingStart Random(CellLayout layout, int k, int steps, Rng rng)
    {
        var n = layout.StateSize;
        var h0 = new double[n];
        rng.FillGaussian(h0);
        var gaussian = new double[n * k];
        rng.FillGaussian(gaussian);
        var q0 = new double[n * k];
        new HouseholderQr<double>(n, k).Factor(gaussian, q0, new double[k * k]);
        return new FlossingStart(h0, q0, InputStream.Create(InputKind.Gaussian, layout.InputSize, steps, rng));
    }
}
