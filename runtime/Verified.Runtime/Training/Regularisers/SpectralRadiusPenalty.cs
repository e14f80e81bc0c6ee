using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Verified.Training.Regularisers;

/// <summary>
/// P = (ρ(W) − 1)², ρ the largest modulus of W's eigenvalues. With W = V Λ V⁻¹ and λ = Λ_kk the
/// eigenvalue of largest modulus, first-order perturbation gives dλ = (V⁻¹)_{k,:} dW V_{:,k}, so
/// dρ = Re(λ̄ dλ)/ρ and ∂ρ/∂W_ij = Re(λ̄ (V⁻¹)_{ki} V_{jk})/ρ; a complex pair gives the same
/// gradient from either member. ρ is not differentiable where two eigenvalues that are not conjugates
/// share the largest modulus, which a drawn W almost surely avoids.
/// </summary>
public sealed class SpectralRadiusPenalty(ParameterLayout recurrent) : IRegulariser
{
    /// <inheritdoc/>
    public double AddGradient(ReadOnlySpan<double> theta, IStateSource states, Tasks.TaskBatch batch, double weight, Span<double> gradient)
    {
        var (rho, dRho) = SpectralRadius(theta.Slice(recurrent.Offset, recurrent.Length), recurrent.Rows);
        var slice = gradient.Slice(recurrent.Offset, recurrent.Length);
        for (var i = 0; i < slice.Length; i++)
        {
            slice[i] += weight * 2 * (rho - 1) * dRho[i];
        }
        return (rho - 1) * (rho - 1);
    }

    /// <summary>ρ(W) of the row-major n×n <paramref name="w"/>, and ∂ρ/∂W row-major.</summary>
    public static (double Rho, double[] Gradient) SpectralRadius(ReadOnlySpan<double> w, int n)
    {
        var values = w.ToArray();
        var matrix = Matrix<Complex>.Build.Dense(n, n, (i, j) => values[i * n + j]);
        var evd = matrix.Evd(Symmetricity.Asymmetric);
        var k = 0;
        for (var i = 1; i < n; i++)
        {
            if (evd.EigenValues[i].Magnitude > evd.EigenValues[k].Magnitude)
            {
                k = i;
            }
        }
        var lambda = evd.EigenValues[k];
        var rho = lambda.Magnitude;
        var vectors = evd.EigenVectors;
        var left = vectors.Inverse().Row(k);
        var right = vectors.Column(k);
        var gradient = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                gradient[i * n + j] = (Complex.Conjugate(lambda) * left[i] * right[j]).Real / rho;
            }
        }
        return (rho, gradient);
    }
}
