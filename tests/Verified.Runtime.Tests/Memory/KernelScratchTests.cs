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

    private sealed class Arguments<T>(CellLayout layout) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        private readonly int _n = layout.StateSize;
        public readonly T[] Theta = Filled(layout.ParameterCount, 0.01);
        public readonly T[] State = Filled(layout.StateSize * Batch, 0.3);
        public readonly T[] Input = Filled(layout.InputSize * Batch, 0.2);
        public readonly T[] Next = new T[layout.StateSize * Batch];
        public readonly T[] StateBar = new T[layout.StateSize * Batch];
        public readonly T[] ThetaBar = new T[layout.ParameterCount];
        public readonly T[] Q = Filled(layout.StateSize * K, 0.1);
        public readonly T[] U = Filled(layout.StateSize * K, 0.1);
        public readonly T[] Dq = new T[layout.StateSize * K];
        public readonly T[] Jacobian = new T[layout.StateSize * layout.StateSize];
        public readonly T[] Tape = new T[layout.Spec.CreateKernels<T>(layout).TapeLength(Batch)];

        private static T[] Filled(int length, double value) => Enumerable.Repeat(T.CreateTruncating(value), length).ToArray();

        /// <summary>What training and flossing call: Step and StepVjp on a batch, Tangent and TangentVjp on k columns.</summary>
        public void RunWithoutJacobian(CellKernels<T> kernels)
        {
            kernels.Step(Theta, State, Input, Next, Batch);
            kernels.StepVjp(Theta, State, Input, Next, StateBar, ThetaBar, Batch);
            kernels.Step(Theta, State, Input, Next, Batch, Tape);
            kernels.StepVjp(Theta, State, Input, Next, StateBar, ThetaBar, Batch, Tape);
            kernels.Tangent(Theta, State.AsSpan(0, _n), Input.AsSpan(0, Input.Length / Batch), Q, Dq, K);
            kernels.TangentVjp(Theta, State.AsSpan(0, _n), Input.AsSpan(0, Input.Length / Batch), Q, U, Dq, StateBar.AsSpan(0, _n), ThetaBar, K);
        }

        public void RunJacobian(CellKernels<T> kernels) =>
            kernels.Jacobian(Theta, State.AsSpan(0, _n), Input.AsSpan(0, Input.Length / Batch), Jacobian);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Kernels_hold_the_stated_buffers_and_their_Jacobians_only_after_Jacobian(string cell)
    {
        var spec = BuiltInCells.Find(cell)!;
        var layout = spec.Layout(CellDimensions.Of(N, 3));
        var arguments = new Arguments<double>(layout);
        // Every entry point once on another instance, so that the JIT and static initialisation allocate before the count.
        var warm = spec.CreateKernels<double>(layout);
        arguments.RunWithoutJacobian(warm);
        arguments.RunJacobian(warm);

        // The fewest bytes of three fresh instances: a tier-up by the runtime allocates once on this thread
        // (CI saw 448 bytes over the slack in one instance's count); the kernels' own buffers come every time.
        var withoutJacobian = long.MaxValue;
        var jacobians = long.MaxValue;
        CellKernels<double> kernels = warm;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            kernels = spec.CreateKernels<double>(layout);
            arguments.RunWithoutJacobian(kernels);
            var middle = GC.GetAllocatedBytesForCurrentThread();
            arguments.RunJacobian(kernels);
            withoutJacobian = Math.Min(withoutJacobian, middle - before);
            jacobians = Math.Min(jacobians, GC.GetAllocatedBytesForCurrentThread() - middle);
        }

        var stated = kernels.ScratchLength(Batch, K, jacobian: false) * sizeof(double);
        var statedJacobians = kernels.ScratchLength(Batch, K, jacobian: true) * sizeof(double) - stated;
        Assert.InRange(withoutJacobian, stated, stated + Overhead);
        Assert.InRange(jacobians, statedJacobians, statedJacobians + Overhead);
        Assert.Equal(statedJacobians, kernels.Scratch(Batch, K, jacobian: true).Bytes - kernels.Scratch(Batch, K, jacobian: false).Bytes);
    }

    /// <summary>
    /// Once warm, no entry point allocates, in either element type: the generic kernels' constants
    /// (Literal) and signs (Sign) fold to values of T, with nothing boxed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public void Warm_kernels_allocate_nothing_in_float_or_double(string cell)
    {
        var layout = BuiltInCells.Find(cell)!.Layout(CellDimensions.Of(8, 3));

        Assert.Equal(0, AllocatedWhenWarm<float>(layout));
        Assert.Equal(0, AllocatedWhenWarm<double>(layout));
    }

    private static long AllocatedWhenWarm<T>(CellLayout layout) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var arguments = new Arguments<T>(layout);
        var kernels = layout.Spec.CreateKernels<T>(layout);
        return FewestBytesPerRound(() =>
        {
            arguments.RunWithoutJacobian(kernels);
            arguments.RunJacobian(kernels);
        });
    }

    /// <summary>
    /// The fewest bytes any of three rounds of ten calls allocated, after one call to warm up. The runtime
    /// allocates on the calling thread once when tiered compilation promotes a method (CI saw 5 144 bytes in
    /// one round); an allocation in the call itself appears in every round.
    /// </summary>
    private static long FewestBytesPerRound(Action call)
    {
        call();
        var fewest = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++)
            {
                call();
            }
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }

    /// <summary>The measure sees a call that allocates one small array each time, in every round.</summary>
    [Fact]
    public void A_call_allocating_each_time_is_seen_in_every_round()
    {
        var sink = 0;
        Assert.True(FewestBytesPerRound(() => sink += new byte[1 + sink % 2].Length) >= 10 * 24);
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
