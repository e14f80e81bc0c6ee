namespace Verified.Checks;

/// <summary>Central finite differences, step δ = h·max(1, |x_i|).</summary>
public static class FiniteDifferences
{
    /// <summary>The relative step h.</summary>
    public const double DefaultStep = 1e-6;

    /// <summary>∇f(x) by (f(x + δe_i) − f(x − δe_i)) / 2δ: the one-row Jacobian of f.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x, double step = DefaultStep) =>
        Jacobian(point => [f(point)], x, 1, step);

    /// <summary>The Jacobian (m×n row-major) of g: ℝⁿ → ℝᵐ, column j from perturbing x_j.</summary>
    public static double[] Jacobian(Func<double[], double[]> g, double[] x, int m, double step = DefaultStep)
    {
        var jacobian = new double[m * x.Length];
        var probe = (double[])x.Clone();
        for (var j = 0; j < x.Length; j++)
        {
            var delta = step * Math.Max(1, Math.Abs(x[j]));
            probe[j] = x[j] + delta;
            var plus = g(probe);
            probe[j] = x[j] - delta;
            var minus = g(probe);
            probe[j] = x[j];
            for (var i = 0; i < m; i++)
            {
                jacobian[i * x.Length + j] = (plus[i] - minus[i]) / (2 * delta);
            }
        }
        return jacobian;
    }
}
