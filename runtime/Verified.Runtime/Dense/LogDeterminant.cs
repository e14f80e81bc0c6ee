namespace Verified.Dense;

/// <summary>log|det A| by LU with partial pivoting, in place (A is destroyed).</summary>
public static class LogDeterminant
{
    /// <summary>log|det A| of the row-major n×n matrix <paramref name="a"/>, which is overwritten by its LU factors; −∞ for a singular A.</summary>
    public static double LogAbsDet(Span<double> a, int n)
    {
        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            var pivot = j;
            for (var i = j + 1; i < n; i++)
            {
                if (Math.Abs(a[i * n + j]) > Math.Abs(a[pivot * n + j]))
                {
                    pivot = i;
                }
            }
            if (a[pivot * n + j] == 0)
            {
                return double.NegativeInfinity;
            }
            if (pivot != j)
            {
                for (var c = 0; c < n; c++)
                {
                    (a[j * n + c], a[pivot * n + c]) = (a[pivot * n + c], a[j * n + c]);
                }
            }
            var diagonal = a[j * n + j];
            sum += Math.Log(Math.Abs(diagonal));
            for (var i = j + 1; i < n; i++)
            {
                var factor = a[i * n + j] / diagonal;
                if (factor != 0)
                {
                    Blas.Axpy(-factor, a.Slice(j * n + j, n - j), a.Slice(i * n + j, n - j));
                }
            }
        }
        return sum;
    }
}
