namespace Verified.Training.Regularisers;

/// <summary>
/// The controls of the paper's Sec 7: training with a penalty on the spectral radius of the recurrent
/// matrix, or on the one-step Jacobians' singular values, instead of flossing the Lyapunov
/// exponents, which see the temporal correlations between the Jacobians D_s.
/// </summary>
public enum RegulariserKind
{
    /// <summary>β (ρ(W) − 1)², with ρ the spectral radius of the recurrent matrix (<see cref="SpectralRadiusPenalty"/>).</summary>
    SpectralRadius,

    /// <summary>β · the mean of log² σ_i(D_s) over the one-step Jacobians of sampled steps (<see cref="JacobianPenalty"/>).</summary>
    JacobianSingularValues,
}

/// <summary>A penalty added to the training loss: its value at θ, with β ∂P/∂θ added to the gradient.</summary>
public interface IRegulariser
{
    /// <summary>
    /// Adds <paramref name="weight"/> · ∂P/∂θ to <paramref name="gradient"/> and returns P, for the model's parameters
    /// <paramref name="theta"/> after a forward pass (<paramref name="states"/>) over <paramref name="batch"/>.
    /// </summary>
    double AddGradient(ReadOnlySpan<double> theta, IStateSource states, Tasks.TaskBatch batch, double weight, Span<double> gradient);
}
