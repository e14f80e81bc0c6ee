using Verified.Cells.BuiltIn;
using Verified.Dense;
using Verified.Dense.Threading;
using Verified.Initialisation;
using Verified.Lyapunov;
using Verified.Randomness;
using Xunit;

namespace Verified.Runtime.Tests.Dense;

/// <summary>
/// Dense kernels shared over threads give the numbers of one thread to the last bit (docs/design.md,
/// "Threads"), and large work really is cut into chunks for the team.
/// </summary>
public sealed class ThreadedDenseTests
{
    private static readonly int[] Teams = [2, 3, 5];

    [Theory]
    [InlineData(160, 150, 130)]
    [InlineData(257, 300, 64)]
    [InlineData(97, 512, 101)]
    public void Products_are_bit_identical_on_every_team(int m, int p, int n)
    {
        var a = DenseTestData.Gaussian(m * p, 1);
        var b = DenseTestData.Gaussian(p * n, 2);
        var at = DenseTestData.Gaussian(p * m, 3);
        var bt = DenseTestData.Gaussian(n * p, 4);
        var start = DenseTestData.Gaussian(m * n, 5);
        double[][] All()
        {
            var plain = new double[m * n];
            Gemm.Multiply<double>(a, b, plain, m, p, n, accumulate: false);
            var transposedA = (double[])start.Clone();
            Gemm.MultiplyTransposedA<double>(at, b, transposedA, m, p, n, accumulate: true);
            var transposedB = new double[m * n];
            Gemm.MultiplyTransposedB<double>(a, bt, transposedB, m, p, n, accumulate: false);
            var lower = new double[m * n];
            Gemm.MultiplyTransposedALower<double>(at, b, lower, m, p, n, accumulate: false);
            for (var i = 0; i < m; i++)
            {
                lower.AsSpan(i * n + Math.Min(n, i + 1), n - Math.Min(n, i + 1)).Clear(); // above the diagonal: unspecified
            }
            return [plain, transposedA, transposedB, lower];
        }

        var alone = All();
        foreach (var size in Teams)
        {
            using var team = DenseThreads.Use(size);
            var shared = All();
            Assert.True(DenseThreads.SharedChunks > 0, $"a team of {size} was handed no chunk");
            for (var i = 0; i < alone.Length; i++)
            {
                Assert.Equal(alone[i], shared[i]);
            }
        }
    }

    [Theory]
    [InlineData(384, 256)]
    [InlineData(300, 290)]
    [InlineData(513, 200)]
    public void Qr_is_bit_identical_on_every_team(int n, int k)
    {
        var a = DenseTestData.Gaussian(n * k, 6);
        var af = Array.ConvertAll(a, value => (float)value);
        var (q, r) = Factor(a, n, k);
        var (qf, rf) = Factor(af, n, k);
        foreach (var size in Teams)
        {
            using var team = DenseThreads.Use(size);
            var (sharedQ, sharedR) = Factor(a, n, k);
            var (sharedQf, sharedRf) = Factor(af, n, k);
            Assert.True(DenseThreads.SharedChunks > 0, $"a team of {size} was handed no chunk");
            Assert.Equal(q, sharedQ);
            Assert.Equal(r, sharedR);
            Assert.Equal(qf, sharedQf);
            Assert.Equal(rf, sharedRf);
        }
    }

    [Fact]
    public void A_spectrum_is_bit_identical_on_two_threads()
    {
        var layout = BuiltInCells.Find("vanilla-tanh")!.Layout(CellDimensions.Of(192, 1));
        var theta = ParameterInitialiser.Create(layout, 2.0, new Rng(7));
        var options = new SpectrumOptions { K = 192, Steps = 40, Transient = 10, QTransient = 10, Seed = 8 };
        var alone = LyapunovSpectrum.Compute(layout, theta, options);
        using var team = DenseThreads.Use(2);
        var shared = LyapunovSpectrum.Compute(layout, theta, options);
        Assert.True(DenseThreads.SharedChunks > 0);
        Assert.Equal(alone.Exponents, shared.Exponents);
    }

    /// <summary>
    /// B packed once and met by row chunks of C, as a block reflector's later columns meet V, gives the one product's
    /// numbers to the last bit: each element is the same FMA chain.
    /// </summary>
    [Theory]
    [InlineData(101, 48, 520, 7)]
    [InlineData(97, 520, 48, 12)]
    [InlineData(40, 48, 48, 16)]
    [Trait("Category", ScalarPathTests.Category)]
    public void A_packed_operand_met_in_row_chunks_gives_the_products_numbers(int m, int p, int n, int chunk)
    {
        var a = DenseTestData.Gaussian(m * p, 11);
        var b = DenseTestData.Gaussian(p * n, 12);
        var whole = DenseTestData.Gaussian(m * n, 13);
        var chunked = (double[])whole.Clone();
        PackedKernel.Multiply(ref a[0], p, 1, ref b[0], n, 1, ref whole[0], n, m, p, n, accumulate: true, lowerOnly: false);
        var packed = new PackedOperand<double>();
        packed.Pack(ref b[0], n, 1, p, n);
        for (var from = 0; from < m; from += chunk)
        {
            PackedKernel.MultiplyPacked(ref a[from * p], p, 1, packed, ref chunked[from * n], n, Math.Min(chunk, m - from), accumulate: true);
        }
        Assert.Equal(whole, chunked);
    }

    /// <summary>
    /// A kernel called inside a chunk the team is running stays on its thread: handing the busy team more work would
    /// overwrite the running work's shared state (its work, next chunk, busy count and finished signal). Chunks that take
    /// a while make sure the calling thread, whose team is set, runs some of them.
    /// </summary>
    [Fact]
    public void Inside_a_running_chunk_the_kernels_see_no_team()
    {
        using var scope = DenseThreads.Use(2);
        var outside = DenseThreads.Team;
        var work = new RecordingWork(Environment.CurrentManagedThreadId);
        outside!.Run(work, 64);
        Assert.Equal(64, work.Chunks);
        Assert.True(work.OnCaller > 0, "no chunk ran on the calling thread");
        Assert.Equal(0, work.SawATeam);
        Assert.Same(outside, DenseThreads.Team);
    }

    private sealed class RecordingWork(int caller) : IChunkedWork
    {
        public int Chunks;
        public int OnCaller;
        public int SawATeam;

        public void Run(int chunk)
        {
            Thread.SpinWait(20_000);
            Interlocked.Increment(ref Chunks);
            if (Environment.CurrentManagedThreadId == caller)
            {
                Interlocked.Increment(ref OnCaller);
            }
            if (DenseThreads.Team is not null)
            {
                Interlocked.Increment(ref SawATeam);
            }
        }
    }

    [Fact]
    public void A_scope_restores_the_outer_one_and_refuses_zero()
    {
        Assert.Equal(1, DenseThreads.Current);
        using (DenseThreads.Use(3))
        {
            using (DenseThreads.Use(1))
            {
                Assert.Equal(1, DenseThreads.Current);
            }
            Assert.Equal(3, DenseThreads.Current);
        }
        Assert.Equal(1, DenseThreads.Current);
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseThreads.Use(0));
    }

    private static (T[] Q, T[] R) Factor<T>(T[] a, int n, int k) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var q = new T[n * k];
        var r = new T[k * k];
        new HouseholderQr<T>(n, k).Factor(a, q, r);
        return (q, r);
    }
}
