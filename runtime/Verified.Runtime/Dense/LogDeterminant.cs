namespace Verified.Dense;

/// <summary>
/// log|det A| by LU with partial pivoting, in place (A is destroyed): log|det A| = Σ_j log|U_jj|, the row swaps only
/// flipping the sign. From <see cref="BlockedFrom"/> rows the factorisation is right-looking in panels of
/// <see cref="PanelWidth"/> columns (LAPACK's dgetrf): a panel by the unblocked elimination, U12 = L11⁻¹ A12 by
/// forward substitution, and the trailing update A22 −= L21 U12 as one product through <see cref="PackedKernel"/>,
/// which is where the flops go and what the run's threads share. The same pivots and factors to rounding.
/// </summary>
public static class LogDeterminant
{
    /// <summary>
    /// Rows from which the factorisation goes in panels: below, the unblocked elimination (the numbers of every
    /// recorded run at N ≤ 192 are unchanged).
    /// </summary>
    public const int BlockedFrom = 256;

    /// <summary>
    /// Columns a panel, the inner dimension of the trailing update A22 += L21 (−U12): wide enough that the update runs at
    /// the product's speed, narrow enough that the panel's level-2 elimination stays small beside it (the QR's panels are
    /// as wide, <see cref="HouseholderQr{T}.BlockedPanelWidth"/>).
    /// </summary>
    public const int PanelWidth = 48;

    /// <summary>
    /// log|det A| of the row-major n×n matrix <paramref name="a"/>, which is overwritten by its LU factors; −∞ when a pivot
    /// is exactly zero (a zero column, say). An A singular only in exact arithmetic, such as one with two equal rows, gives
    /// −∞ below <see cref="BlockedFrom"/> rows, where both rows meet the same operations, and from it a finite value with
    /// one pivot at rounding level (about 1e-16 of the others), as any blocked LU does: the panel's rows and the rows
    /// below it reach the later columns through differently rounded sums.
    /// </summary>
    public static double LogAbsDet(Span<double> a, int n) => n < BlockedFrom ? Eliminate(a, n, 0, n) : Blocked(a, n);

    /// <summary>−U12 of the panel being applied, this thread's, kept between calls: no allocation per step.</summary>
    [ThreadStatic]
    private static double[]? _minusU12;

    private static double Blocked(Span<double> a, int n)
    {
        var sum = 0.0;
        if (_minusU12 is not { } minusU12 || minusU12.Length < PanelWidth * n)
        {
            _minusU12 = minusU12 = new double[PanelWidth * n];
        }
        for (var first = 0; first < n; first += PanelWidth)
        {
            var end = Math.Min(first + PanelWidth, n);
            var panel = Eliminate(a, n, first, end);
            if (double.IsNegativeInfinity(panel))
            {
                return panel;
            }
            sum += panel;
            if (end == n)
            {
                return sum;
            }
            var (width, later) = (end - first, n - end);
            // U12 = L11⁻¹ A12 (L11 unit lower triangular): row r of A12 less Σ_{c<r} L_rc · row c, in place.
            for (var r = first + 1; r < end; r++)
            {
                for (var c = first; c < r; c++)
                {
                    Blas.Axpy(-a[r * n + c], a.Slice(c * n + end, later), a.Slice(r * n + end, later));
                }
            }
            // A22 −= L21 U12, as A22 += L21 (−U12).
            for (var r = 0; r < width; r++)
            {
                Blas.ScaleTo(-1.0, a.Slice((first + r) * n + end, later), minusU12.AsSpan(r * later, later));
            }
            PackedKernel.Multiply(ref a[end * n + first], n, 1, ref minusU12[0], later, 1, ref a[end * n + end], n,
                later, width, later, accumulate: true, lowerOnly: false);
        }
        return sum;
    }

    /// <summary>
    /// Columns <paramref name="first"/> … <paramref name="end"/>−1 eliminated, rows <paramref name="first"/> on: the pivot
    /// of each column by magnitude, whole rows swapped, the multipliers stored below the diagonal and the panel's later
    /// columns updated (all of them when the panel is the whole matrix); returns Σ log|U_jj| over the panel, −∞ at a zero pivot.
    /// </summary>
    private static double Eliminate(Span<double> a, int n, int first, int end)
    {
        var sum = 0.0;
        for (var j = first; j < end; j++)
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
                a[i * n + j] = factor;
                if (factor != 0)
                {
                    Blas.Axpy(-factor, a.Slice(j * n + j + 1, end - j - 1), a.Slice(i * n + j + 1, end - j - 1));
                }
            }
        }
        return sum;
    }
}
