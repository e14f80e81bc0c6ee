using Verified.Precision.Numbers;

namespace Verified.Precision.Matrices;

/// <summary>
/// Singular values by one-sided Jacobi (Hestenes): rotate pairs of columns until every pair is
/// orthogonal to the working precision; the singular values are then the column norms. Each σ is
/// found to high relative accuracy even when they span many decades (Demmel and Veselić 1992),
/// which is what a graded long-term Jacobian needs.
/// </summary>
public static class JacobiSvd
{
    /// <summary>σ_1 ≥ … ≥ σ_m of an n×m matrix (n ≥ m); the matrix is overwritten.</summary>
    public static T[] SingularValues<T>(PrecisionMatrix<T> a, int maxSweeps = 60) where T : struct, IPrecisionNumber<T>
    {
        var m = a.Columns;
        // Converged when |a_pᵀa_q| ≤ ε √(a_pᵀa_p · a_qᵀa_q) for every pair, ε = 2^(8 − bits).
        var tolerance = T.FromDouble(Math.ScaleB(1.0, 8 - T.PrecisionBits));
        var one = T.One;
        var two = T.FromDouble(2);
        var norms = new T[m];
        for (var j = 0; j < m; j++)
        {
            norms[j] = Dot<T>(a.Column(j), a.Column(j));
        }
        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            var rotated = false;
            for (var p = 0; p < m - 1; p++)
            {
                for (var q = p + 1; q < m; q++)
                {
                    var alpha = norms[p];
                    var beta = norms[q];
                    var gamma = Dot<T>(a.Column(p), a.Column(q));
                    if (gamma.IsZero || T.Compare(T.Abs(gamma), tolerance * T.Sqrt(alpha * beta)) <= 0)
                    {
                        continue;
                    }
                    rotated = true;
                    // ζ = (β − α)/(2γ), t = sign(ζ)/(|ζ| + √(1 + ζ²)), c = 1/√(1 + t²), s = c t.
                    var zeta = (beta - alpha) / (two * gamma);
                    var t = one / (T.Abs(zeta) + T.Sqrt(one + zeta * zeta));
                    if (T.Compare(zeta, T.Zero) < 0)
                    {
                        t = -t;
                    }
                    var c = one / T.Sqrt(one + t * t);
                    var s = c * t;
                    Rotate(a.Column(p), a.Column(q), c, s);
                    // The new squared norms from the rotated columns themselves. The update α − tγ, exact in exact
                    // arithmetic, cancels catastrophically when a graded matrix's columns differ by more decades than
                    // the working precision holds, and can turn negative (then √(αβ) above has no value).
                    norms[p] = Dot<T>(a.Column(p), a.Column(p));
                    norms[q] = Dot<T>(a.Column(q), a.Column(q));
                }
            }
            if (!rotated)
            {
                break;
            }
        }
        var sigma = new T[m];
        for (var j = 0; j < m; j++)
        {
            sigma[j] = T.Sqrt(Dot<T>(a.Column(j), a.Column(j)));
        }
        Array.Sort(sigma, (x, y) => T.Compare(y, x));
        return sigma;
    }

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : struct, IPrecisionNumber<T>
    {
        var sum = T.Zero;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /// <summary>[a_p a_q] ← [c a_p − s a_q, s a_p + c a_q].</summary>
    private static void Rotate<T>(Span<T> p, Span<T> q, T c, T s) where T : struct, IPrecisionNumber<T>
    {
        for (var i = 0; i < p.Length; i++)
        {
            var (x, y) = (p[i], q[i]);
            p[i] = c * x - s * y;
            q[i] = s * x + c * y;
        }
    }
}
