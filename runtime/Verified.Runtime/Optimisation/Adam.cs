namespace Verified.Optimisation;

/// <summary>
/// Adam (Kingma and Ba 2015) over a chosen subset of θ, with optional per-parameter gradient-norm
/// clipping (each parameter's gradient rescaled to norm ≤ clip before the update). An update
/// allocates nothing.
/// </summary>
public sealed class Adam
{
    private readonly double[] _m, _v;
    private readonly ParameterLayout[] _trained;
    private int _t;

    /// <summary>Adam over the parameters <paramref name="trained"/> of a θ of <paramref name="parameterCount"/> elements; the others are left alone.</summary>
    public Adam(IReadOnlyList<ParameterLayout> trained, int parameterCount)
    {
        _trained = [.. trained];
        _m = new double[parameterCount];
        _v = new double[parameterCount];
    }

    /// <summary>The step size α.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decay β1 of the first-moment estimate.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay β2 of the second-moment estimate.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε added to √v̂.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Per-parameter gradient-norm bound; null for none.</summary>
    public double? Clip { get; init; }

    /// <summary>One step: clips <paramref name="gradient"/> per parameter (in place) and updates the trained parameters of <paramref name="theta"/>.</summary>
    public void Update(Span<double> theta, Span<double> gradient)
    {
        _t++;
        var correction1 = 1 - Math.Pow(Beta1, _t);
        var correction2 = 1 - Math.Pow(Beta2, _t);
        foreach (var parameter in _trained)
        {
            var g = gradient.Slice(parameter.Offset, parameter.Length);
            if (Clip is { } clip)
            {
                var norm = Math.Sqrt(Dense.Blas.Dot<double>(g, g));
                if (norm > clip)
                {
                    Dense.Blas.Scale(clip / norm, g);
                }
            }
            for (var i = parameter.Offset; i < parameter.Offset + parameter.Length; i++)
            {
                _m[i] = Beta1 * _m[i] + (1 - Beta1) * gradient[i];
                _v[i] = Beta2 * _v[i] + (1 - Beta2) * gradient[i] * gradient[i];
                theta[i] -= LearningRate * (_m[i] / correction1) / (Math.Sqrt(_v[i] / correction2) + Epsilon);
            }
        }
    }
}
