namespace Verified.Lyapunov.Covariant;

/// <summary>
/// Covariant Lyapunov vectors at the recorded steps of a window, every array in the order of
/// <see cref="Exponents"/> (descending). Vector i at step s is a unit vector (up to sign) at the state
/// h_s; D_s V_s = V_{s+1} diag(growth) holds column by column (the vectors are covariant).
/// </summary>
/// <param name="Exponents">λ1…λk, descending, from the forward pass's Σ log R_ii over the window and the backward transient (as <see cref="LyapunovSpectrum"/>), in <paramref name="Unit"/>.</param>
/// <param name="QrOrder">The column of Q (0-based) each exponent came from.</param>
/// <param name="CovariantExponents">The time average over the window of each vector's one-step growth log‖D_s v_s‖: the exponents again, measured along the vectors.</param>
/// <param name="Steps">The recorded window steps s (0-based, counted after the state's and Q's transients).</param>
/// <param name="States">h_s at each recorded step (n values).</param>
/// <param name="Vectors">At each recorded step the n×k matrix [v_1 … v_k], row-major (row = state element, column = vector).</param>
/// <param name="GrowthRates">At each recorded step the one-step growth rate log‖D_s v_s‖ of each vector, in <paramref name="Unit"/>.</param>
/// <param name="UnstableDimension">p: how many exponents are positive; the unstable subspace is span(v_1…v_p), the stable one span(v_{p+1}…v_k).</param>
/// <param name="UnstableStableAngles">At each recorded step the smallest principal angle (radians) between the unstable and the stable subspace; null when p is 0 or k.</param>
/// <param name="NeighbourAngles">At each recorded step the angle (radians, in [0, π/2]) between v_i and v_{i+1}, i = 1…k−1.</param>
/// <param name="Unit">The unit of the exponents and growth rates.</param>
public sealed record CovariantResult(
    double[] Exponents,
    int[] QrOrder,
    double[] CovariantExponents,
    int[] Steps,
    double[][] States,
    double[][] Vectors,
    double[][] GrowthRates,
    int UnstableDimension,
    double[]? UnstableStableAngles,
    double[][] NeighbourAngles,
    ExponentUnit Unit);
