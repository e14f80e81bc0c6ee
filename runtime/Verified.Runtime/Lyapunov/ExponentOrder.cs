namespace Verified.Lyapunov;

/// <summary>
/// Exponents as reported: descending. Benettin's QR gives them in the order of the columns of Q
/// (Gram–Schmidt order), which is descending only once Q has converged; the permutation that sorts
/// them is recorded beside them, and flossing's loss Σ_{i≤k} (λ_i − λ*)² is over the first k columns.
/// </summary>
public static class ExponentOrder
{
    /// <summary>
    /// The QR column (0-based) of each exponent in descending order: sorted[i] = qrOrdered[order[i]].
    /// Stable, so that equal exponents keep their QR order.
    /// </summary>
    public static int[] Descending(IReadOnlyList<double> qrOrdered) =>
        [.. Enumerable.Range(0, qrOrdered.Count).OrderByDescending(column => qrOrdered[column])];

    /// <summary>The values in the order <paramref name="order"/> gives: result[i] = values[order[i]].</summary>
    public static double[] Apply(IReadOnlyList<double> values, IReadOnlyList<int> order) => [.. order.Select(column => values[column])];
}
