using Xunit;

namespace Verified.Runtime.Tests.Memory;

/// <summary>
/// The generated kernels hold what <see cref="CellKernels{T}.ScratchLength"/> says, and their per-node
/// Jacobians only once <see cref="CellKernels{T}.Jacobian"/> has been called: training and flossing, which
/// never call it, do not pay for them (LSTM at N = 256: 21 arrays of N×2N, about 22 MB).
/// </summary>
public sealed class KernelScratchTests
{
    private const int N = 128, Batch = 4, K = 3;

    /// <summary>Array headers and the kernel object: 32 bytes an array at most, for fewer than 200 arrays.</summary>
    private const long Overhead = 200 * 32;

    public static TheoryData<string> Cells() => [.. BuiltInCells.All.Select(spec => spec.Name)];

    private sealed class Arguments(CellLayout layout)
    {
        private readonly int _n = layout.StateSize;
        public readonly double[] Theta = Filled(layout.ParameterCount, 0.01);
        public readonly double[] State = Filled(layout.StateSize * Batch, 0.3);
        public readonly double[] Input = Filled(layout.InputSize * Batch, 0.2);
        public readonly double[] Next = new double[layout.StateSize * Batch];
        public readonly double[] StateBar = new double[layout.StateSize * Batch];
        public readonly double[] ThetaBar = new double[layout.ParameterCount];
        public readonly double[] Q = Filled(layout.StateSize * K, 0.1);
        public readonly double[] U = Filled(layout.StateSize * K, 0.1);
        public readonly double[] Dq = new double[layout.StateSize * K];
        public readonly double[] Jacobian = new double[layout.StateSize * layout.StateSize];

        private static double[] Filled(int length, double value) => Enumerable.Repeat(value, length).ToArray();

        /// <summary>What training and flossing call: Step and StepVjp on a batch, Tangent and TangentVjp on k columns.</summary>
        public void RunWithoutJacobian(CellKernels<double> kernels)
        {
            kernels.Step(Theta, State, Input, Next, Batch);
            kernels.StepVjp(Theta, State, Input, Next, StateBar, ThetaBar, Batch);
            kernels.Tangent(Theta, State.AsSpan(0, _n), Input.AsSpan(0, Input.Length / Batch), Q, Dq, K);
            kernels.TangentVjp(Theta, State.AsSpan(0, _n), Input.AsSpan(0, Input.Length / Batch), Q, U, Dq, StateBar.AsSpan(0, _n), ThetaBar, K);
        }

        public void RunJacobian(CellKernels<double> kernels) =>
            kernels.Jacobian(Theta, State.AsSpan(0, _n), Input.AsSpan(0, Input.Length / Batch), Jacobian);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Kernels_hold_the_stated_buffers_and_their_Jacobians_only_after_Jacobian(string cell)
    {
        var spec = BuiltInCells.Find(cell)!;
        var layout = spec.Layout(CellDimensions.Of(N, 3));
        var arguments = new Arguments(layout);
        // Every entry point once on another instance, so that the JIT and static initialisation allocate before the count.
        var warm = spec.CreateKernels<double>(layout);
        arguments.RunWithoutJacobian(warm);
        arguments.RunJacobian(warm);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var kernels = spec.CreateKernels<double>(layout);
        arguments.RunWithoutJacobian(kernels);
        var withoutJacobian = GC.GetAllocatedBytesForCurrentThread() - before;
        arguments.RunJacobian(kernels);
        var jacobians = GC.GetAllocatedBytesForCurrentThread() - before - withoutJacobian;

        var stated = kernels.ScratchLength(Batch, K, jacobian: false) * sizeof(double);
        var statedJacobians = kernels.ScratchLength(Batch, K, jacobian: true) * sizeof(double) - stated;
        Assert.InRange(withoutJacobian, stated, stated + Overhead);
        Assert.InRange(jacobians, statedJacobians, statedJacobians + Overhead);
        Assert.Equal(statedJacobians, kernels.Scratch(Batch, K, jacobian: true).Bytes - kernels.Scratch(Batch, K, jacobian: false).Bytes);
    }

    /// <summary>The check sees a buffer: the Jacobians' bytes (n×n at the least, the update's) are far beyond the slack it allows.</summary>
    [Fact]
    public void A_kernel_allocating_its_Jacobians_at_construction_would_be_seen()
    {
        var kernels = BuiltInCells.Find("vanilla-tanh")!.CreateKernels<double>(BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(N, 3)));
        var jacobians = (kernels.ScratchLength(Batch, K, jacobian: true) - kernels.ScratchLength(Batch, K, jacobian: false)) * sizeof(double);

        Assert.True(jacobians > 10 * Overhead, $"{jacobians} bytes of Jacobians");
    }
}
