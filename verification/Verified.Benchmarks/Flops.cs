namespace Verified.Benchmarks;

/// <summary>
/// Floating-point operations (an FMA counts 2) of the pieces of a flossing step of vanilla-tanh with
/// n state units and k tangent columns, as the algorithms do them, and of a whole epoch, so that every
/// time the benchmarks print also reads as GFLOP/s. Lower-order terms (n·k element-wise work) are left out.
/// </summary>
public static class Flops
{
    /// <summary>W·Q for an n×n W and an n×k Q: 2n²k.</summary>
    public static double Gemm(int n, int k) => 2.0 * n * n * k;

    /// <summary>The tangent step D_s Q = W diag(φ'(h)) Q: one n×n by n×k product.</summary>
    public static double Tangent(int n, int k) => Gemm(n, k);

    /// <summary>Householder QR of an n×k matrix with Q formed explicitly (LAPACK geqr2 + org2r): 2·(2nk² − 2k³/3).</summary>
    public static double Qr(int n, int k) => 4.0 * n * k * k - 4.0 * k * k * k / 3;

    /// <summary>
    /// The QR pullback for a loss on diag(R) (the paper's Eq 4 through QR): M = R R̄ᵀ − Q̄ᵀQ (2nk² for QᵀQ̄),
    /// Q̄ + Q copyltu(M) (2nk²), and the triangular solve with Rᵀ (nk²): 5nk².
    /// </summary>
    public static double Pullback(int n, int k) => 5.0 * n * k * k;

    /// <summary>TangentVjp: Wᵀ Ū (2n²k) and the weight cotangent Ū Qᵀ (2n²k).</summary>
    public static double TangentVjp(int n, int k) => 2 * Gemm(n, k);

    /// <summary>One step of a flossing epoch with a QR every step (t_ONS = 1).</summary>
    public static double FlossingStep(int n, int k) => Tangent(n, k) + Qr(n, k) + Pullback(n, k) + TangentVjp(n, k);

    /// <summary>A flossing epoch of <paramref name="steps"/> steps (t_ONS = 1).</summary>
    public static double FlossingEpoch(int n, int k, int steps) => steps * FlossingStep(n, k);

    /// <summary>One BPTT epoch: per step the forward W·tanh(h) (2n²b) and the reverse Wᵀh̄ and h̄·tanh(h)ᵀ (4n²b).</summary>
    public static double TrainingEpoch(int n, int batch, int steps) => steps * 6.0 * n * n * batch;

    /// <summary>GFLOP/s of <paramref name="flops"/> done in <paramref name="milliseconds"/>.</summary>
    public static double Rate(double flops, double milliseconds) => flops / (milliseconds * 1e6);
}
