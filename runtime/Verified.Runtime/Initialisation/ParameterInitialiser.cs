using Verified.Dense;
using Verified.Randomness;

namespace Verified.Initialisation;

/// <summary>
/// Fills θ from each parameter's declared initialisation (docs/design.md; the paper's appendix B):
/// recurrent matrices N(mean, (scale·g)²/fan-in), input weights N(0, 1), vectors zero, scalars
/// their default value; PyTorch's recurrent layers U(−g/√H, g/√H).
/// </summary>
public static class ParameterInitialiser
{
    /// <summary>A new θ for <paramref name="layout"/>, every parameter drawn from its declared initialisation at gain <paramref name="gain"/>.</summary>
    public static double[] Create(CellLayout layout, double gain, Rng rng)
    {
        var theta = new double[layout.ParameterCount];
        Initialise(layout, theta, gain, rng);
        return theta;
    }

    /// <summary>Fills <paramref name="theta"/> as <see cref="Create"/> does.</summary>
    /// <param name="layout">The cell at its sizes.</param>
    /// <param name="theta">θ, of <see cref="CellLayout.ParameterCount"/> elements.</param>
    /// <param name="gain">The gain g of the recurrent initialisation.</param>
    /// <param name="rng">The generator the values are drawn from.</param>
    /// <param name="recurrent">When set, replaces the initialisation of every matrix that <see cref="Resolve"/> makes a recurrent Gaussian (e.g. orthogonal instead).</param>
    public static void Initialise(CellLayout layout, Span<double> theta, double gain, Rng rng, Init? recurrent = null)
    {
        foreach (var parameter in layout.Parameters)
        {
            var values = theta.Slice(parameter.Offset, parameter.Length);
            var init = parameter.Spec.Init;
            var kind = Resolve(layout.Spec, parameter.Spec);
            switch (kind == Init.RecurrentGaussian && recurrent is { } chosen ? chosen : kind)
            {
                case Init.RecurrentGaussian:
                    rng.FillGaussian(values, init.Mean, init.Scale * gain / Math.Sqrt(parameter.Columns));
                    break;
                case Init.Gaussian:
                    rng.FillGaussian(values, init.Mean, init.Scale);
                    break;
                case Init.Orthogonal:
                    Orthogonal(parameter, values, gain * init.Scale, rng);
                    break;
                case Init.Uniform:
                    FillUniform(values, init.Low, init.High, rng);
                    break;
                case Init.HiddenUniform:
                    var bound = init.Scale * gain / Math.Sqrt(layout.Spec.States[0].Size.Resolve(layout.Dimensions));
                    FillUniform(values, -bound, bound, rng);
                    break;
                case Init.Zeros:
                    values.Clear();
                    break;
                case Init.Constant:
                    values.Fill(init.Value);
                    break;
            }
        }
    }

    private static void FillUniform(Span<double> values, double low, double high, Rng rng)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = rng.NextUniform(low, high);
        }
    }

    /// <summary>The initialisation <see cref="Init.Auto"/> stands for.</summary>
    public static Init Resolve(CellSpec cell, ParameterSpec spec)
    {
        if (spec.Init.Kind != Init.Auto)
        {
            return spec.Init.Kind;
        }
        return spec.Kind switch
        {
            ParameterKind.Matrix when cell.States.Any(state => state.Size == spec.Columns) => Init.RecurrentGaussian,
            ParameterKind.Matrix => Init.Gaussian,
            ParameterKind.Vector => Init.Zeros,
            _ => Init.Constant,
        };
    }

    /// <summary>Whether the gain g scales any of the cell's parameters: recurrent Gaussian, orthogonal and PyTorch's hidden-uniform ones (U(−g/√H, g/√H)) have one.</summary>
    public static bool UsesGain(CellSpec cell) =>
        cell.Parameters.Any(parameter => Resolve(cell, parameter) is Init.RecurrentGaussian or Init.Orthogonal or Init.HiddenUniform);

    /// <summary>Whether the cell has a matrix initialised as a recurrent Gaussian: the only ones that <see cref="Initialise"/>'s <c>recurrent</c> replaces.</summary>
    public static bool HasRecurrentGaussian(CellSpec cell) =>
        cell.Parameters.Any(parameter => Resolve(cell, parameter) == Init.RecurrentGaussian);

    /// <summary>scale × a Haar-random orthogonal matrix: the Q of a Gaussian matrix's QR with positive diag(R).</summary>
    private static void Orthogonal(ParameterLayout parameter, Span<double> values, double scale, Rng rng)
    {
        var (rows, columns) = (parameter.Rows, parameter.Columns);
        var tall = rows >= columns;
        var (n, k) = tall ? (rows, columns) : (columns, rows);
        var gaussian = new double[n * k];
        rng.FillGaussian(gaussian);
        var q = new double[n * k];
        new HouseholderQr<double>(n, k).Factor(gaussian, q, new double[k * k]);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                values[i * columns + j] = scale * (tall ? q[i * k + j] : q[j * k + i]);
            }
        }
    }
}
