using System.Diagnostics;
using BenchmarkDotNet.Running;
using Verified.Benchmarks;

// `product STEPS`: the 256-bit long-term product for the side-by-side script against MPFR.
// `train REPEATS`: one training epoch for the side-by-side script against PyTorch.
if (args is ["train", ..])
{
    var repeats = args.Length > 1 ? int.Parse(args[1]) : 6;
    var workload = new TrainingWorkload<double>();
    WarmUp(() => workload.Epoch());
    var best = double.MaxValue;
    for (var i = 0; i < repeats; i++)
    {
        var clock = Stopwatch.StartNew();
        workload.Epoch();
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"verified train N=80 b=16 T=300 d=20 double, {Peak.VectorBits}-bit vectors: {best:F1} ms/epoch (best of {repeats}), {Flops.Rate(Flops.TrainingEpoch(80, 16, 320), best):F1} GFLOP/s");
    return;
}
if (args is ["product", ..])
{
    var steps = args.Length > 1 ? int.Parse(args[1]) : 100;
    var workload = new ProductWorkload(steps: steps);
    Time($"BinaryFloat<Bits256>", () => workload.Run<Verified.Precision.Numbers.BinaryFloat<Verified.Precision.Numbers.Bits256>>(steps), workload.MultiplyAdds(steps));
    Time($"DecimalNumber (78 digits)", () => workload.Run<Verified.Precision.Numbers.DecimalNumber>(3), workload.MultiplyAdds(3));
    return;
}

// `peak`: one core's measured FMA peak at the vector width in use.
if (args is ["peak"])
{
    Console.WriteLine($"peak of one core, {Peak.VectorBits}-bit vectors: double {Peak.GigaFlops(single: false):F1} GFLOP/s, float {Peak.GigaFlops(single: true):F1} GFLOP/s");
    return;
}

// `quick [REPEATS] [components] [N K]`: a few timed epochs for the side-by-side script; otherwise BenchmarkDotNet.
if (args is ["quick", ..])
{
    var repeats = args.Length > 1 ? int.Parse(args[1]) : 5;
    var (n, k) = args.Length > 4 ? (int.Parse(args[3]), int.Parse(args[4])) : (80, 75);
    var peaks = (Double: Peak.GigaFlops(single: false), Single: Peak.GigaFlops(single: true));
    Console.WriteLine($"peak of one core, {Peak.VectorBits}-bit vectors: double {peaks.Double:F1} GFLOP/s, float {peaks.Single:F1} GFLOP/s");
    Report("double", new FlossingWorkload<double>(n: n, k: k).Epoch, repeats, n, k, peaks.Double);
    Report("float", new FlossingWorkload<float>(n: n, k: k).Epoch, repeats, n, k, peaks.Single);
    if (args is [_, _, "components", ..])
    {
        Components(new StepComponents<double>(n, k), "double", n, k, peaks.Double);
        Components(new StepComponents<float>(n, k), "float", n, k, peaks.Single);
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(FlossingEpochBenchmark).Assembly).Run(args);

static void Report(string name, Func<double> epoch, int repeats, int n, int k, double peak)
{
    WarmUp(() => epoch());
    var best = double.MaxValue;
    for (var i = 0; i < repeats; i++)
    {
        var clock = Stopwatch.StartNew();
        epoch();
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
    }
    var rate = Flops.Rate(Flops.FlossingEpoch(n, k, 300), best);
    Console.WriteLine($"verified floss N={n} k={k} Tf=300 tons=1 {name}: {best:F1} ms/epoch (best of {repeats}), {rate:F1} GFLOP/s, {rate / peak:P0} of peak");
}

static void Components<T>(StepComponents<T> parts, string name, int n, int k, double peak) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    foreach (var (label, action, flops) in new (string, Action, double)[]
    {
        ("Gemm", parts.Gemm, Flops.Gemm(n, k)), ("Tangent", parts.Tangent, Flops.Tangent(n, k)), ("Step", parts.Step, 2.0 * n * n),
        ("Qr", parts.Qr, Flops.Qr(n, k)), ("Pullback", parts.Pullback, Flops.Pullback(n, k)),
        ("StepVjp", parts.StepVjp, 4.0 * n * n), ("TangentVjp", parts.TangentVjp, Flops.TangentVjp(n, k)),
    })
    {
        for (var warm = 0; warm < 600; warm++)
        {
            action();
        }
        // Best of ten batches: this shared machine's noise only ever adds time.
        var best = double.MaxValue;
        for (var batch = 0; batch < 10; batch++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++)
            {
                action();
            }
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        var rate = Flops.Rate(300 * flops, best);
        Console.WriteLine($"  {name,-6} {label,-10} {best:F1} ms per 300 steps (best of 10), {rate:F1} GFLOP/s, {rate / peak:P0} of peak");
    }
}

// At least 3 runs and 3 s: the runtime recompiles hot methods with their profile in the background for
// several N = 80 epochs after their first calls, and an epoch timed before that measures the JIT's tiers.
static void WarmUp(Action run)
{
    var clock = Stopwatch.StartNew();
    for (var runs = 0; runs < 3 || clock.Elapsed.TotalSeconds < 3; runs++)
    {
        run();
    }
}

static void Time(string name, Func<double> run, double multiplyAdds)
{
    var clock = Stopwatch.StartNew();
    var corner = run();
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"verified product N=80 {name}: {seconds:F2} s, {seconds * 1e9 / multiplyAdds:F1} ns per multiply-add (P[0][0] = {corner:G6})");
}
